import type en from "@/messages/en.json";
import type { Locale } from "./locale";

// Typed keys: a message used in code but missing from the English catalog fails the type check.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
