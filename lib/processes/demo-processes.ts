// The demo processes a new plant starts with (npm run db:seed, SEED_DEMO_DATA). Plain data without
// "server-only": the Playwright specs measure the table against these names (e2e/room.spec.ts).
export const DEMO_PROCESSES = [
  { name: "Raw material intake", comment: "Weighing and quality check of incoming granulate" },
  { name: "Extrusion line 1", comment: "Main profile extruder, 3 shifts" },
  { name: "Extrusion line 2", comment: "Backup extruder; runs when line 1 is in maintenance" },
  { name: "Cooling tank", comment: "Water bath 18–22 °C" },
  { name: "Cutting", comment: "Flying saw, lengths 1–6 m" },
  { name: "Quality inspection", comment: "Dimensional check every 30 min" },
  { name: "Packaging", comment: "Bundling and labelling" },
  { name: "Warehouse dispatch", comment: "" },
];
