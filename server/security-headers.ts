import helmet from 'helmet';

/**
 * Helmet's headers, with a Content-Security-Policy the web app and Monaco work under: everything
 * from this server only; inline styles (Monaco and React set style attributes); pictures also as
 * data: URLs (the key browser shows stored images that way); nothing may frame the page.
 */
export const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'none'"],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      workerSrc: ["'self'"],
    },
  },
  // The course is served over plain HTTP on localhost; HSTS there would only confuse a browser.
  strictTransportSecurity: false,
});
