# Kundepuls container image. Two stages: the first installs the production dependencies
# (compiling better-sqlite3's native module if no prebuilt binary fits), generates the Prisma
# clients and bundles dist/; the second holds only node_modules, dist/, prisma/ (the migrations)
# and package.json, runs as the unprivileged `node` user, and has no compiler.
# test/image.test.ts does what this file does, in a temporary folder, and starts the result.

FROM node:20-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json prisma.config.ts tsconfig.json ./
# Production dependencies only; install scripts run for the two packages that need them
# (package.json "allowScripts"), Prisma's engine download is not needed (our own migration runner).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3 esbuild
COPY scripts ./scripts
COPY prisma ./prisma
COPY src ./src
# package.json "postinstall": the generated Prisma clients, then the bundle in dist/
RUN node scripts/generate-clients.mjs && node scripts/build.mjs

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production \
    LOG_FORMAT=json \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=file:/data/kundepuls.db
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM goes straight to node (exec form, no shell): requests in flight finish, then exit 0.
CMD ["node", "--enable-source-maps", "dist/main.js", "start"]
