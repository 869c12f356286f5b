// The fixture directory of the directory sign-in suites (test/support/slapd.ts serves it): a plant's people
// and groups, one person per role, one in two mapped groups, one disabled as AD does it (userAccountControl
// 514), one locked as OpenLDAP's password policy does it (pwdAccountLockedTime), one in no mapped group, and
// some whom the suites change. OpenLDAP's core schemas have no sAMAccountName or userAccountControl: a tiny
// schema gives them with Active Directory's OIDs and matching rules, so the suites run the default filter
// `(|(sAMAccountName={login})(mail={login}))` and AD's disabled bit as a plant's directory has them.

export const BASE_DN = "dc=plant,dc=test";
export const PEOPLE_DN = `ou=people,${BASE_DN}`;
export const GROUPS_DN = `ou=groups,${BASE_DN}`;
export const ROOT_DN = `cn=admin,${BASE_DN}`;
export const ROOT_PASSWORD = "root-secret";
export const SERVICE = { dn: `cn=reader,${BASE_DN}`, password: "reader-secret-123" };

export const GROUP = {
  admins: `cn=plant-admins,${GROUPS_DN}`,
  engineers: `cn=plant-engineers,${GROUPS_DN}`,
  operators: `cn=plant-operators,${GROUPS_DN}`,
  canteen: `cn=canteen,${GROUPS_DN}`,
};

/** LDAP_GROUP_ROLES for the fixture's groups (canteen is mapped to nothing). */
export const GROUP_ROLES = `${GROUP.admins}=Super user;${GROUP.engineers}=Advanced user;${GROUP.operators}=User`;

type Person = {
  login: string;
  mail: string;
  name: string;
  password: string;
  groups: string[];
  /** AD's way: userAccountControl 514 (ACCOUNTDISABLE). */
  disabled?: boolean;
  /** OpenLDAP's way: locked by the ppolicy overlay (pwdAccountLockedTime). */
  locked?: boolean;
};

/** The fixture's people: one per role, one in two mapped groups, one disabled, one in no mapped group. */
export const PEOPLE = {
  alice: {
    login: "alice",
    mail: "alice@plant.test",
    name: "Alice Admin",
    password: "alice-pass-1",
    groups: [GROUP.admins],
  },
  bob: {
    login: "bob",
    mail: "bob@plant.test",
    name: "Bob Engineer",
    password: "bob-pass-1",
    groups: [GROUP.engineers],
  },
  carol: {
    login: "carol",
    mail: "carol@plant.test",
    name: "Carol Operator",
    password: "carol-pass-1",
    groups: [GROUP.operators],
  },
  dave: {
    login: "dave",
    mail: "dave@plant.test",
    name: "Dave Both",
    password: "dave-pass-1",
    groups: [GROUP.operators, GROUP.engineers],
  },
  erin: {
    login: "erin",
    mail: "erin@plant.test",
    name: "Erin Disabled",
    password: "erin-pass-1",
    groups: [GROUP.operators],
    disabled: true,
  },
  frank: {
    login: "frank",
    mail: "frank@plant.test",
    name: "Frank Canteen",
    password: "frank-pass-1",
    groups: [GROUP.canteen],
  },
  gina: {
    login: "gina",
    mail: "gina@plant.test",
    name: "Gina Moved",
    password: "gina-pass-1",
    groups: [GROUP.operators],
  },
  hank: {
    login: "hank",
    mail: "hank@plant.test",
    name: "Hank Leaving",
    password: "hank-pass-1",
    groups: [GROUP.operators],
  },
  jill: {
    login: "jill",
    mail: "jill@plant.test",
    name: "Jill Promoted",
    password: "jill-pass-1",
    groups: [GROUP.operators],
  },
  kim: {
    login: "kim",
    mail: "kim@plant.test",
    name: "Kim Removed",
    password: "kim-pass-1",
    groups: [GROUP.operators],
  },
  ivan: {
    login: "ivan",
    mail: "ivan@plant.test",
    name: "Ivan Locked",
    password: "ivan-pass-1",
    groups: [GROUP.operators],
    locked: true,
  },
} satisfies Record<string, Person>;

export const personDn = (login: string) => `cn=${login},${PEOPLE_DN}`;

export const AD_LITE_SCHEMA = `
attributetype ( 1.2.840.113556.1.4.221 NAME 'sAMAccountName'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
attributetype ( 1.2.840.113556.1.4.8 NAME 'userAccountControl'
  EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
objectclass ( 1.3.6.1.4.1.99999.1.1 NAME 'adLiteUser' AUXILIARY MAY ( sAMAccountName $ userAccountControl ) )
`;

/** The entries slapadd loads before the server starts: the tree, the service account and the people. */
export function fixtureLdif(): string {
  const entries = [
    `dn: ${BASE_DN}\nobjectClass: dcObject\nobjectClass: organization\ndc: plant\no: Plant`,
    `dn: ${PEOPLE_DN}\nobjectClass: organizationalUnit\nou: people`,
    `dn: ${GROUPS_DN}\nobjectClass: organizationalUnit\nou: groups`,
    `dn: ${SERVICE.dn}\nobjectClass: person\nobjectClass: simpleSecurityObject\ncn: reader\nsn: reader\nuserPassword: ${SERVICE.password}`,
    ...Object.values(PEOPLE).map((p: Person) =>
      [
        `dn: ${personDn(p.login)}`,
        "objectClass: inetOrgPerson",
        "objectClass: adLiteUser",
        `cn: ${p.login}`,
        `sn: ${p.name.split(" ")[1]}`,
        `displayName: ${p.name}`,
        `sAMAccountName: ${p.login}`,
        `mail: ${p.mail}`,
        `userAccountControl: ${p.disabled ? 514 : 512}`,
        `userPassword: ${p.password}`,
        ...(p.locked ? ["pwdAccountLockedTime: 000001010000Z"] : []),
      ].join("\n"),
    ),
  ];
  return `${entries.join("\n\n")}\n`;
}

/**
 * The groups, added through the running server (ldapadd) rather than slapadd: the memberof overlay, which
 * writes each member's memberOf as Active Directory does, sees only changes made through the server.
 */
export function groupsLdif(): string {
  return `${Object.values(GROUP)
    .map((dn) => {
      const members = Object.values(PEOPLE as Record<string, Person>)
        .filter((p) => p.groups.includes(dn))
        .map((p) => `member: ${personDn(p.login)}`);
      return [`dn: ${dn}`, "objectClass: groupOfNames", `cn: ${/^cn=([^,]+)/.exec(dn)![1]}`, ...members].join("\n");
    })
    .join("\n\n")}\n`;
}
