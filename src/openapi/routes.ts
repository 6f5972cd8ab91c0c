// GET /api/openapi.json (the document) and GET /docs (Swagger UI on it), mounted at the app's root.
import express, { Router, type RequestHandler } from 'express';
import type { CoreOptions } from './coreOperations';
import { buildOpenApiDocument } from './document';
import { DOCS_CSP, DOCS_INIT_JS, SWAGGER_UI_FILES, docsHtml, swaggerUiDir } from './docsPage';
import type { ResourceModule } from '../resources/resource';

const TITLE = 'Rampart API';

/** Replaces the global `default-src 'none'` policy on /docs responses only. */
const docsPolicy: RequestHandler = (_req, res, next) => {
  res.set('Content-Security-Policy', DOCS_CSP);
  next();
};

/** Only the package files the page uses; the rest of swagger-ui-dist (its demo page, source maps) stays unserved. */
const onlyPageAssets: RequestHandler = (req, _res, next) => {
  if (SWAGGER_UI_FILES.has(req.path.slice(1))) next();
  else next('router');
};

/** `options` says which of the kit's routes are mounted (LOCAL_ACCOUNTS): the document lists only those. */
export function createApiDocsRouter(resources: readonly ResourceModule[], options: CoreOptions = {}): Router {
  // Built once: the schemas do not change while the process runs.
  const document = buildOpenApiDocument(resources, { title: TITLE, version: '0.1.0' }, options);
  const router = Router();
  router.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });

  const docs = Router();
  docs.use(docsPolicy);
  docs.get('/', (_req, res) => {
    res.type('html').send(docsHtml(TITLE));
  });
  docs.get('/init.js', (_req, res) => {
    res.type('js').send(DOCS_INIT_JS);
  });
  const assets = Router();
  assets.use(onlyPageAssets, express.static(swaggerUiDir, { index: false, fallthrough: true, maxAge: '1h' }));
  docs.use('/assets', assets);
  router.use('/docs', docs);
  return router;
}
