// The /docs page: Swagger UI from the swagger-ui-dist package, its start-up script, and the page's own CSP.
import path from 'node:path';

/** Where swagger-ui-dist's files are; served by express.static, never from a CDN. */
export const swaggerUiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));

/** The only files of the package the page loads. */
export const SWAGGER_UI_FILES = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
]);

/**
 * The API's global policy is `default-src 'none'`; this page needs its own scripts, styles and the document,
 * all from this origin, and nothing else: no inline script, no CDN, no framing. The one addition is `data:`
 * images: swagger-ui.css draws its icons as inline SVG data URLs, and an image cannot run script.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "object-src 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function docsHtml(title: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title}</title>
    <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
    <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>
`;
}

/** A separate file, not an inline script, so the CSP needs no 'unsafe-inline'. validatorUrl: no third-party calls. */
export const DOCS_INIT_JS = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  validatorUrl: null,
  deepLinking: true,
  persistAuthorization: false,
});
`;
