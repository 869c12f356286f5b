// The benchmark's reference: a bare Next app of the project's Next version (its node_modules), one route,
// no middleware, default settings apart from those the project also sets. Built by `npm run bench`.
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
