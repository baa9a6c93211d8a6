# One image for `keyspace start` and `keyspace worker`: Node, the course, and redis-server, which
# both start inside the container (grading sandboxes, learners' consoles; redis-cli comes with it).

# Build: isolated-vm compiles its native module when no prebuilt one fits, and vite builds the web
# app. The compilers and the dev dependencies stay in this stage.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# The sources are not here yet, so not the package's own `prepare` (the web build, below); the
# dependencies' install scripts (isolated-vm's native module) run in `npm rebuild`.
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends redis-server \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# Not root: learner code runs in here (in isolates). The code stays root's, read-only to node;
# the embedded Redis (no REDIS_URL) writes .keyspace/data, the sandboxes the system's temp folder.
RUN mkdir .keyspace && chown node:node .keyspace
USER node
EXPOSE 3000
# Alone, this is the one-machine setup (state in the embedded Redis); docker-compose.yml runs the
# scale-out one.
CMD ["node", "bin/keyspace.js", "start", "--host", "0.0.0.0", "--port", "3000"]
