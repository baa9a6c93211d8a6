# The app image: Node with redis-server for the grader's sandboxes.
FROM node:20-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends redis-server python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
EXPOSE 3000
CMD ["node", "bin/keyspace.js", "start", "--host", "0.0.0.0", "--port", "3000"]
