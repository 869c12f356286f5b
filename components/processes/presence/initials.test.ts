import { describe, expect, it } from "vitest";
import { initialsOf } from "./initials";

describe("initialsOf", () => {
  it.each([
    ["Anna Petrova", "AP"],
    ["Анна Петрова", "АП"],
    ["Anna Maria Petrova", "AP"],
    ["ivan.sidorov@plant.example", "IS"],
    ["ops@plant.example", "OP"],
    ["  olga  ", "OL"],
    ["Ö", "Ö"],
    ["(Anna) - Petrova", "AP"],
    ["@@@", "?"],
    ["", "?"],
    ["😀 Smile", "SM"],
  ])("%j → %j", (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});
