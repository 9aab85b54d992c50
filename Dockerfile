# desci, built from this checkout: docker compose up builds it.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/desci ./cmd/desci

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/desci /usr/local/bin/desci
COPY docker/entrypoint.sh /usr/local/bin/desci-entrypoint
ENV DESCI_HOME=/data
VOLUME /data
ENTRYPOINT ["desci-entrypoint"]
# Beyond loopback desci serve needs the public origin sign-in names:
# docker run -e DESCI_PUBLIC_URL=https://desci.example.org ...
CMD ["serve", "--http", "0.0.0.0:8080"]
