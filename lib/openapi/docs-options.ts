/**
 * Redoc's options for the docs page. Search is off: it runs in a Web Worker started from a blob: URL, which
 * the page's CSP (script-src with a nonce) refuses.
 */
export const DOCS_OPTIONS = {
  disableSearch: true,
  expandResponses: "200,201",
  hideHostname: true,
  jsonSampleExpandLevel: 3,
  theme: {
    typography: {
      fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
      headings: { fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" },
      code: { fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace" },
    },
  },
};
