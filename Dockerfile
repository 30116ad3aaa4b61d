# Builds the catalog's apps into one image. The API is the default command; the projector
# runs the same image with `node dist/apps/projector/src/main.js` (see docker-compose.yml).

# Build stage: install every dependency, compile, then drop the development ones.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build && npm prune --omit=dev

# Runtime stage: the compiled apps and production dependencies, run as the unprivileged
# `node` user of the official image.
FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 9292
CMD ["node", "dist/apps/api/src/main.js"]
