import { describe, expect, it } from "vitest";
import { gridAction, shortcut, type GridKey } from "./grid-keys";

const key = (k: string, rest: Partial<GridKey> = {}): GridKey => ({
  key: k,
  code: k.length === 1 ? `Key${k.toUpperCase()}` : k,
  ctrl: false,
  shift: false,
  alt: false,
  editing: false,
  field: "name",
  ...rest,
});

describe("gridAction", () => {
  it.each([
    { name: "ArrowDown moves down", input: key("ArrowDown"), expected: { kind: "move", rows: 1, field: "name" } },
    {
      name: "ArrowUp moves up",
      input: key("ArrowUp", { field: "comment" }),
      expected: { kind: "move", rows: -1, field: "comment" },
    },
    {
      name: "ArrowRight to the comment",
      input: key("ArrowRight"),
      expected: { kind: "move", rows: 0, field: "comment" },
    },
    {
      name: "ArrowLeft to the name",
      input: key("ArrowLeft", { field: "comment" }),
      expected: { kind: "move", rows: 0, field: "name" },
    },
    {
      name: "Home: first cell of the row",
      input: key("Home", { field: "comment" }),
      expected: { kind: "move", rows: 0, field: "name" },
    },
    { name: "End: last cell of the row", input: key("End"), expected: { kind: "move", rows: 0, field: "comment" } },
    {
      name: "Ctrl+Home: first cell",
      input: key("Home", { ctrl: true, field: "comment" }),
      expected: { kind: "move", rows: "first", field: "name" },
    },
    {
      name: "Ctrl+End: last cell",
      input: key("End", { ctrl: true }),
      expected: { kind: "move", rows: "last", field: "comment" },
    },
    { name: "PageDown", input: key("PageDown"), expected: { kind: "move", rows: "pageDown", field: "name" } },
    { name: "PageUp", input: key("PageUp"), expected: { kind: "move", rows: "pageUp", field: "name" } },
    { name: "Enter starts an edit", input: key("Enter"), expected: { kind: "edit" } },
    { name: "F2 starts an edit", input: key("F2"), expected: { kind: "edit" } },
    {
      name: "Enter while editing commits and moves down",
      input: key("Enter", { editing: true, field: "comment" }),
      expected: { kind: "commit-down", field: "comment" },
    },
    {
      name: "Shift+Enter in a comment being edited types a newline",
      input: key("Enter", { editing: true, shift: true, field: "comment" }),
      expected: null,
    },
    {
      name: "Alt+Enter in a comment being edited types a newline",
      input: key("Enter", { editing: true, alt: true, field: "comment" }),
      expected: null,
    },
    {
      name: "Shift+Enter in a name commits",
      input: key("Enter", { editing: true, shift: true }),
      expected: { kind: "commit-down", field: "name" },
    },
    {
      name: "Escape while editing cancels the edit",
      input: key("Escape", { editing: true }),
      expected: { kind: "cancel" },
    },
    { name: "Escape while navigating reverts to saved", input: key("Escape"), expected: { kind: "revert" } },
    {
      name: "Ctrl+Enter saves the row",
      input: key("Enter", { ctrl: true, editing: true }),
      expected: { kind: "save-row" },
    },
    { name: "a letter starts typing", input: key("x"), expected: { kind: "start-typing" } },
    { name: "a Cyrillic letter starts typing", input: key("ы", { code: "KeyS" }), expected: { kind: "start-typing" } },
    { name: "Backspace starts typing", input: key("Backspace"), expected: { kind: "start-typing" } },
    { name: "arrows while editing move the caret", input: key("ArrowLeft", { editing: true }), expected: null },
    { name: "Home while editing moves the caret", input: key("Home", { editing: true }), expected: null },
    { name: "Ctrl+C is left to the browser", input: key("c", { ctrl: true }), expected: null },
    { name: "Tab is left to the browser", input: key("Tab"), expected: null },
  ])("$name", ({ input, expected }) => {
    expect(gridAction(input)).toEqual(expected);
  });
});

describe("shortcut", () => {
  it.each([
    {
      event: { code: "KeyS", ctrlKey: true, metaKey: false, shiftKey: false },
      expected: { letter: "s", shift: false },
    },
    {
      event: { code: "KeyS", ctrlKey: false, metaKey: true, shiftKey: false },
      expected: { letter: "s", shift: false },
    },
    { event: { code: "KeyZ", ctrlKey: true, metaKey: false, shiftKey: true }, expected: { letter: "z", shift: true } },
    { event: { code: "KeyS", ctrlKey: false, metaKey: false, shiftKey: false }, expected: null },
    { event: { code: "Digit1", ctrlKey: true, metaKey: false, shiftKey: false }, expected: null },
  ])("$event.code ctrl=$event.ctrlKey meta=$event.metaKey → $expected", ({ event, expected }) => {
    expect(shortcut(event)).toEqual(expected);
  });
});
