# Longhaul image for compose.yaml: the whole workspace with its dependencies; TypeScript runs through tsx (no build step).
FROM node:20-slim

WORKDIR /app
# Every workspace package.json must be present for `npm ci`, so copy the tree (see .dockerignore).
COPY . .
RUN npm ci --no-audit --no-fund && npm cache clean --force

USER node
ENV LONGHAUL_EDGE_HOST=0.0.0.0 \
    LONGHAUL_EDGE_PORT=7700
EXPOSE 7700

# The edge by default; compose.yaml overrides the command for services (services/<name>/src/main.ts).
CMD ["node", "--import", "tsx", "services/edge/src/main.ts"]
