import { z } from "zod";
import { canonicalIp, parseIpRanges, type IpRanges } from "@/lib/net/ip";

// The shapes of settings: each failure message says what is allowed, since the start prints it beside the name.

export const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], {
    error: "must be one of true, false, 1, 0, yes, no, on, off",
  })
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

export const positiveInt = z.coerce
  .number({ error: "must be a whole number above 0" })
  .int({ error: "must be a whole number above 0" })
  .positive({ error: "must be a whole number above 0" });

export const port = z.coerce
  .number({ error: "must be a port number from 1 to 65535" })
  .int({ error: "must be a port number from 1 to 65535" })
  .min(1, { error: "must be a port number from 1 to 65535" })
  .max(65535, { error: "must be a port number from 1 to 65535" });

// Host name labels; "_" is allowed too, since some machines are named so (the listen itself fails if unknown).
const DNS_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*$/;

/** The address to listen on: an IP address or a host name of this machine. */
export const listenHost = z.string().refine((v) => canonicalIp(v) !== null || DNS_NAME.test(v), {
  error: "must be an IP address (such as 0.0.0.0, 127.0.0.1 or ::) or a host name of this machine",
});

/** A public origin (scheme, host, port): what the browser puts in `Origin`. */
export function publicOrigin(options: { allowPath: boolean }) {
  const message =
    "must be the public origin the app is served at, such as https://processes.plant.example " +
    `(http or https${options.allowPath ? "" : ", no path"})`;
  return z.string().transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    const bare = !url.username && !url.password && !url.search && !url.hash;
    const pathOk = options.allowPath || url.pathname === "/";
    if (!["http:", "https:"].includes(url.protocol) || !bare || !pathOk) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return url.origin;
  });
}

export const ipRanges = z.string().transform((value, ctx): IpRanges => {
  const parsed = parseIpRanges(value);
  if ("ranges" in parsed) return parsed.ranges;
  for (const problem of parsed.problems) ctx.addIssue({ code: "custom", message: problem });
  return z.NEVER;
});
