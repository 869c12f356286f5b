import { assertBuildMatchesTree } from "@/test/support/build-check";
import { compileDataHelper } from "@/test/support/compile-data-helper";

// Every spec runs against the production build: refuse, once and before any worker starts, a build that was
// not made from the tree as it is (the workers' startServer would refuse it too, once each).
export default async function globalSetup(): Promise<void> {
  assertBuildMatchesTree();
  await compileDataHelper();
}
