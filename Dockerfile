# syntax=docker/dockerfile:1
# The care plan service image: built from source with the Maven wrapper, run as a numeric non-root user.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# The Maven cache survives between builds (BuildKit). Formatting is checked by CI, not by image builds.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests -Dspotless.check.skip=true -pl services/careplan-service -am package

FROM eclipse-temurin:17-jre
# A passwd entry for the numeric user, so tools that look the user up find one. The image has no embedded
# PostgreSQL (that is services/careplan-laptop's): it always runs with SPRING_DATASOURCE_URL set.
RUN groupadd --system --gid 65532 careplan \
    && useradd --system --uid 65532 --gid 65532 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin careplan
WORKDIR /app
# Owned by root and only readable by the service: the application cannot rewrite itself.
COPY --from=build /src/services/careplan-service/target/careplan-service.jar /app/careplan-service.jar
# Everything the service writes goes to /tmp, so the root filesystem can be mounted read-only.
# Numeric, so Kubernetes can verify runAsNonRoot without looking inside the image.
USER 65532:65532
EXPOSE 8080 8081
# Heap 55% of the container's memory; metaspace, code cache, direct buffers and thread stacks capped, so heap plus
# native memory stays under the limit (docs/operations.md: 1 GiB pod, RSS 588 MiB after 750 concurrent $apply calls).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=55", "-XX:MaxMetaspaceSize=192m", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=64m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-jar", "/app/careplan-service.jar"]
