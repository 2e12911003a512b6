# syntax=docker/dockerfile:1
# Causeway exchange gateway. Build from the repository root:
#   docker build -f docker/gateway.Dockerfile -t causeway/gateway .

FROM node:24.22.3-bookworm-slim AS build
WORKDIR /src
# better-sqlite3 compiles its native addon from source.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Exactly the locked tree; install scripts only for package.json's allowScripts.
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build && npm prune --omit=dev

FROM node:24.22.3-bookworm-slim AS runtime
ENV NODE_ENV=production \
    APOLLO_TELEMETRY_DISABLED=true \
    CAUSEWAY_HOST=0.0.0.0 \
    CAUSEWAY_PORT=4000 \
    CAUSEWAY_DATA_DIR=/var/lib/causeway \
    CAUSEWAY_POLICIES_DIR=/etc/causeway/policies
WORKDIR /app
COPY --from=build --chown=root:root /src/package.json ./
COPY --from=build --chown=root:root /src/node_modules ./node_modules
COPY --from=build --chown=root:root /src/dist ./dist
# No policies in the image: the deployment mounts its own (systems with keys, people, grants) here.
RUN mkdir -p /var/lib/causeway && chown node:node /var/lib/causeway
USER node
VOLUME ["/var/lib/causeway"]
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.CAUSEWAY_PORT||4000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Static supergraph in production: mount it and set CAUSEWAY_SUPERGRAPH_FILE,
# or set CAUSEWAY_BUREAUS to compose from the bureaus at start-up.
CMD ["node", "dist/apps/gateway/src/main.js"]
