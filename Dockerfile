# syntax=docker/dockerfile:1
# Rampart API image: compiled with dev dependencies, run with production ones only, as a non-root user.
# Build for the task's CPU architecture (rampart:cpuArchitecture), e.g. docker build --platform linux/amd64 .
ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts stay off: the native module (bcrypt) ships prebuilt binaries it loads at run time.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=8000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
# Amazon's RDS CA bundle, so DATABASE_URL can use sslmode=verify-full&sslrootcert=/app/certs/rds-global-bundle.pem.
ADD --chmod=644 https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /app/certs/rds-global-bundle.pem
# Fargate mounts the task's scratch volume at /tmp as root 0755 unless the image declares that path a VOLUME, in
# which case it keeps the image directory's owner: hand /tmp to the app user first, then declare it.
RUN chown 1000:1000 /tmp && chmod 1777 /tmp
VOLUME ["/tmp"]
# The node image's unprivileged user, by number so orchestrators can verify it is not root.
USER 1000:1000
EXPOSE 8000
# Exec form: node is PID 1 and receives SIGTERM itself (server.ts drains and exits); ECS adds an init process
# (initProcessEnabled) to reap zombies, and `docker run --init` does the same locally.
CMD ["node", "dist/server.js"]
