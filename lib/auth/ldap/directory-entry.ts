import "server-only";
import type { Client, Entry } from "ldapts";
import { escapeFilterBytes, escapeFilterValue, fillFilter } from "@/lib/auth/ldap/ldap-filter";
import { env } from "@/lib/env";

// Reading a person's entry: which attributes, whether it is disabled, its stable id, its groups.

/** What is read of a person's entry (operational ones by name: "*" does not include them). */
export const PERSON_ATTRIBUTES = [
  "mail",
  "userPrincipalName",
  "displayName",
  "cn",
  "memberOf",
  "userAccountControl",
  "pwdAccountLockedTime",
  "entryUUID",
  "objectGUID",
];
export const BINARY_ATTRIBUTES = ["objectGUID"];

const AD_ACCOUNTDISABLE = 0x2;

function values(entry: Entry, name: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? [] : entry[key];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) =>
    Buffer.isBuffer(v) ? v.toString("utf8") : v,
  );
}

export const firstValue = (entry: Entry, name: string): string | undefined => values(entry, name)[0];

/**
 * Disabled in the directory: Active Directory's userAccountControl with ACCOUNTDISABLE (bit 2), or, in
 * OpenLDAP, an account locked by the password policy overlay (pwdAccountLockedTime present, whatever its time).
 */
export function isDisabledEntry(entry: Entry): boolean {
  const control = Number(firstValue(entry, "userAccountControl") ?? 0);
  return (
    (Number.isFinite(control) && (control & AD_ACCOUNTDISABLE) !== 0) ||
    values(entry, "pwdAccountLockedTime").length > 0
  );
}

/** AD's objectGUID bytes in its usual text form (the first three parts are little-endian). */
function guidText(bytes: Buffer): string {
  const hex = (from: number, to: number, reverse: boolean) => {
    const part = [...bytes.subarray(from, to)];
    return (reverse ? part.reverse() : part).map((b) => b.toString(16).padStart(2, "0")).join("");
  };
  return [hex(0, 4, true), hex(4, 6, true), hex(6, 8, true), hex(8, 10, false), hex(10, 16, false)].join("-");
}

function guidBytes(text: string): Buffer {
  const [a, b, c, d, e] = text.split("-");
  const le = (h: string) => Buffer.from(h, "hex").reverse();
  return Buffer.concat([le(a!), le(b!), le(c!), Buffer.from(d! + e!, "hex")]);
}

/** The entry's stable id: OpenLDAP's entryUUID, AD's objectGUID, else its DN (changes when the entry moves). */
export function externalIdOf(entry: Entry): string {
  const uuid = firstValue(entry, "entryUUID");
  if (uuid) return uuid.toLowerCase();
  const guid = entry.objectGUID;
  if (Buffer.isBuffer(guid) && guid.length === 16) return guidText(guid);
  return entry.dn;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Reads a person's entry again by the id externalIdOf gave; null when it is gone. */
export async function findEntryById(client: Client, externalId: string): Promise<Entry | null> {
  const byUuid = UUID.test(externalId);
  // An attribute a server does not know makes its part of the filter Undefined (RFC 4511), so one filter
  // serves OpenLDAP (entryUUID) and AD (objectGUID).
  const filter = byUuid
    ? `(|(entryUUID=${escapeFilterValue(externalId)})(objectGUID=${escapeFilterBytes(guidBytes(externalId))}))`
    : "(objectClass=*)";
  try {
    const { searchEntries } = await client.search(byUuid ? env.LDAP_USER_BASE_DN! : externalId, {
      scope: byUuid ? "sub" : "base",
      filter,
      sizeLimit: 2,
      attributes: PERSON_ATTRIBUTES,
      explicitBufferAttributes: BINARY_ATTRIBUTES,
    });
    return searchEntries.length === 1 ? searchEntries[0]! : null;
  } catch (error) {
    // A DN that no longer exists (LDAP noSuchObject, 32).
    if ((error as { code?: number }).code === 32) return null;
    throw error;
  }
}

/** The DNs of the person's groups: a search under LDAP_GROUP_BASE_DN when set, else the entry's memberOf. */
export async function groupsOf(client: Client, entry: Entry): Promise<string[]> {
  if (!env.LDAP_GROUP_BASE_DN) return values(entry, "memberOf");
  const { searchEntries } = await client.search(env.LDAP_GROUP_BASE_DN, {
    scope: "sub",
    filter: fillFilter(env.LDAP_GROUP_FILTER, { dn: entry.dn }),
    attributes: ["1.1"],
  });
  return searchEntries.map((e) => e.dn);
}
