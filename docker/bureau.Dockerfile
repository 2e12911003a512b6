# syntax=docker/dockerfile:1
# One demo bureau subgraph, chosen at build time. From the repository root:
#   docker build -f docker/bureau.Dockerfile --build-arg BUREAU=health -t causeway/health .
ARG BUREAU=public-security

FROM node:24.22.3-bookworm-slim AS build
WORKDIR /src
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
ARG BUREAU
ENV NODE_ENV=production \
    APOLLO_TELEMETRY_DISABLED=true \
    CAUSEWAY_HOST=0.0.0.0 \
    CAUSEWAY_DATA_DIR=/var/lib/causeway \
    BUREAU=${BUREAU}
WORKDIR /app
COPY --from=build --chown=root:root /src/package.json ./
COPY --from=build --chown=root:root /src/node_modules ./node_modules
COPY --from=build --chown=root:root /src/dist ./dist
# The bureau serves its SDL from the source tree: apps/<bureau>/src/schema.graphql.
COPY --chown=root:root apps/${BUREAU}/src/schema.graphql ./apps/${BUREAU}/src/schema.graphql
RUN mkdir -p /var/lib/causeway && chown node:node /var/lib/causeway
USER node
VOLUME ["/var/lib/causeway"]
EXPOSE 4001 4002 4003 4004
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.CAUSEWAY_PORT+'/metrics').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["sh", "-c", "exec node dist/apps/${BUREAU}/src/main.js"]
