// Next.js settings: this folder is its own project (own lockfile), not part of the Rampart repository's install.
import path from 'node:path';
import type { NextConfig } from 'next';

const root = path.resolve('.');

const nextConfig: NextConfig = {
  poweredByHeader: false,
  turbopack: { root },
  outputFileTracingRoot: root,
};

export default nextConfig;
