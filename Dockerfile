# The cs360 worker image: the CLI on Node 24, pointed at external Postgres and Temporal by
# DATABASE_URL and TEMPORAL_ADDRESS (see docker-compose.yml).
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
ENTRYPOINT ["node_modules/.bin/tsx", "src/cli/main.ts"]
CMD ["worker"]
