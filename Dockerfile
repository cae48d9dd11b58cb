# syntax=docker/dockerfile:1
# The three demo services (and the load generator) in one image; docker-compose.yml picks which
# one a container runs with `command`. Node 24 strips TypeScript types itself, so the sources run
# as they are, with the image's node: no build step, and no `node` npm package (a dev dependency,
# which `--omit=dev` leaves out).
FROM node:24.21.0-slim

WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# src/ holds the load generator's corpus too (src/corpus).
COPY src ./src
# The notification inbox serves the runbooks; the Alertmanager config renderer reads its source.
COPY docs/runbooks.md ./docs/runbooks.md
COPY alertmanager ./alertmanager

# Inside a container loopback is unreachable from the other services: listen on every interface,
# the HTTP port and /metrics alike. The shared fault-flag file lives on a volume (see compose).
ENV HOST=0.0.0.0 \
    OTEL_EXPORTER_PROMETHEUS_HOST=0.0.0.0 \
    FLAGS_FILE=/var/lib/otel-gateway/flags.json
# The services' node flags (src/services/catalog.ts SERVICE_NODE_FLAGS): young generation capped at 8 MiB;
# and their compile cache (SERVICE_COMPILE_CACHE): a restarted container reuses the V8 code of its first start.
ENV NODE_OPTIONS=--max-semi-space-size=8 \
    NODE_COMPILE_CACHE=/tmp/node-compile-cache
RUN mkdir -p /var/lib/otel-gateway && chown node:node /var/lib/otel-gateway

USER node
EXPOSE 8080 8081 8082 9464 9465 9466
CMD ["node", "src/services/matching-api/server.ts"]
