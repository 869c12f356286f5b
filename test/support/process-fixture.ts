import type { ProcessListingItem } from "@/lib/validations/process-listing";

/** A process as the list holds it, version 1, for unit tests of the page's pure modules. */
export const processFixture = (id: number, name: string, comment = ""): ProcessListingItem => ({
  id,
  name,
  comment,
  version: 1,
  createdAt: "",
  updatedAt: "",
});
