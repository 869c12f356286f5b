import type { Browser } from "@playwright/test";

// A focused text field's blinking caret makes headless Chromium draw a frame every half second: about 7 % of a
// core per page, in its browser and GPU processes (a bare <input> focused for 10 s: 0.7 CPU s; nothing focused,
// or `caret-animation: manual`: under 0.03 s). The specs keep a field focused for much of their time, two pages
// at once, beside Vitest on the same two cores. A steady caret still shows where typing goes; nothing else changes.
function steadyCaret(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync("* { caret-animation: manual !important; }");
  // A constructed sheet: no element in the page for React to meet while it hydrates.
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

/** Every context this browser makes (the test's own and those a spec makes for a second person) gets a steady caret. */
export function withSteadyCaret(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.addInitScript(steadyCaret);
    return context;
  };
  return browser;
}
