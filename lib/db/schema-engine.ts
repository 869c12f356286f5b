import { createRequire } from "node:module";
import path from "node:path";
import { readFile } from "node:fs/promises";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";

// Prisma's schema engine as WebAssembly: the native one cannot be downloaded on our machines (see
// docs/decisions/001). Loaded once per process; each engine is bound to one database through an adapter.

export type Log = (line: string) => void;

export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

let lastPanicMessage: string | undefined;
let engineModule: Promise<void> | undefined;

/**
 * The wasm-bindgen glue keeps the instance in module state, so one instantiation serves every
 * engine of the process. The package targets bundlers (it imports the .wasm file as a module),
 * which Node cannot do: the module is compiled by hand and wired to the glue.
 */
export function loadSchemaEngineModule(): Promise<void> {
  engineModule ??= instantiate().catch((error: unknown) => {
    engineModule = undefined;
    throw error;
  });
  return engineModule;
}

async function instantiate(): Promise<void> {
  // Resolved from the project root rather than import.meta.url, which a bundler may rewrite.
  const require = createRequire(path.join(process.cwd(), "package.json"));
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = await readFile(gluePath.replace(/\.js$/, ".wasm"));
  const compiled = await WebAssembly.compile(bytes);
  const instance = await WebAssembly.instantiate(compiled, { "./schema_engine_bg.js": engineImports() });
  // The glue reports a Rust panic's message here just before the wasm trap.
  const globals = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
  globals.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message: (message: string) => {
      lastPanicMessage = message;
    },
  };
  engineBindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
}

/**
 * The glue's own functions, except that the engine's timers are unref'd: it never clears them
 * (e.g. its 10 s timeout on PostgreSQL's advisory lock), which kept a finished CLI alive 10 s.
 */
function engineImports(): WebAssembly.ModuleImports {
  const imports: WebAssembly.ModuleImports = { ...engineBindings };
  for (const [name, value] of Object.entries(imports)) {
    if (name.startsWith("__wbg_setTimeout_") && typeof value === "function") {
      imports[name] = (...args: unknown[]) => {
        const timer: unknown = Reflect.apply(value, undefined, args);
        (timer as { unref?: () => void } | null)?.unref?.();
        return timer;
      };
    }
  }
  return imports;
}

export interface OpenEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened. */
  close(): Promise<void>;
}

/**
 * An engine bound to one database. The factory is wrapped so that the connections the engine
 * opens can be closed afterwards: freeing the engine does not dispose its adapters.
 */
export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  options: { datamodels?: [string, string][]; log?: Log } = {},
): Promise<OpenEngine> {
  await loadSchemaEngineModule();
  const adapters: SqlDriverAdapter[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(adapters, await factory.connect()),
    connectToShadowDb: async () => track(adapters, await factory.connectToShadowDb()),
  };
  const disposeAll = async () => {
    await Promise.allSettled(adapters.map((a) => a.dispose()));
  };
  let engine: SchemaEngine;
  try {
    engine = await withPanicMessage(() =>
      engineBindings.SchemaEngine.new(
        { datamodels: options.datamodels },
        (line: string) => forwardEngineLog(line, options.log),
        bindMigrationAwareSqlAdapterFactory(tracked),
      ),
    );
  } catch (error) {
    await disposeAll();
    throw error;
  }
  return {
    engine,
    close: async () => {
      engine.free();
      await disposeAll();
    },
  };
}

function track(adapters: SqlDriverAdapter[], adapter: SqlDriverAdapter): SqlDriverAdapter {
  adapters.push(adapter);
  return adapter;
}

/** Turns a bare "unreachable" wasm trap into the panic message the engine reported. */
export async function withPanicMessage<T>(run: () => Promise<T>): Promise<T> {
  lastPanicMessage = undefined;
  try {
    return await run();
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError && lastPanicMessage) {
      throw new Error(`Schema engine panicked: ${lastPanicMessage}`, { cause: error });
    }
    throw error;
  }
}

// The engine logs JSON lines; its INFO chatter ("Starting schema-engine-wasm") is noise.
function forwardEngineLog(line: string, log: Log | undefined): void {
  if (!log) return;
  try {
    const entry = JSON.parse(line) as { level?: string; fields?: { message?: string } };
    if (entry.level === "WARN" || entry.level === "ERROR") {
      log(`schema engine ${entry.level}: ${entry.fields?.message ?? line}`);
    }
  } catch {
    log(`schema engine: ${line}`);
  }
}
