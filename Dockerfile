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
# Owned by root and only readable by the service: the application cannot rewrite itself. Extracted (a thin
# careplan-service.jar beside lib/): classes load faster than from jars nested in the jar, and a CDS archive can map
# them.
COPY --from=build /src/services/careplan-service/target/careplan-service.jar /tmp/careplan-service.jar
RUN java -Djarmode=tools -jar /tmp/careplan-service.jar extract --destination /app && rm /tmp/careplan-service.jar
# AppCDS: a training run loads and links every class the service needs up to a refreshed context
# (spring.context.exit=onRefresh), then archives them; the service maps the archive at start (docs/benchmarks.md).
# There is no database in an image build: the URL points at a closed port, Flyway is off, db-scheduler does not ask
# the database which polling it supports, and each connection attempt gives up after 250 ms. The training JVM gets
# the service's GC and a small heap (compressed oops, as in the pod), or the runtime would refuse the archive.
RUN SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:9/cds-training \
    java -XX:ArchiveClassesAtExit=/app/careplan-service.jsa -Dspring.context.exit=onRefresh \
         -XX:+UseSerialGC -Xmx384m -Djava.io.tmpdir=/tmp \
         -jar /app/careplan-service.jar \
         --spring.flyway.enabled=false --db-scheduler.polling-strategy=fetch \
         --spring.datasource.hikari.connection-timeout=250 \
    && chmod 444 /app/careplan-service.jsa
# Everything the service writes goes to /tmp, so the root filesystem can be mounted read-only.
# Numeric, so Kubernetes can verify runAsNonRoot without looking inside the image.
USER 65532:65532
EXPOSE 8080 8081
# glibc's malloc opens up to 8 arenas per core for native allocations by many threads; two are enough on two cores
# and bound the native memory malloc holds outside the JVM's caps.
ENV MALLOC_ARENA_MAX=2
# Memory (docs/benchmarks.md, "The production jar"): heap 50% of the container's memory; metaspace, code cache, direct
# buffers and thread stacks capped, so heap plus native memory stays under the limit even with every cap reached
# (1 GiB pod: 512 + 160 + 64 + 64 MiB, 256 stacks of 512 KiB, 64 MiB for the rest; DockerfileTest adds it up).
# Serial GC, named rather than left to the JVM's choice (which picks G1 from 2 CPUs and 1792 MiB up), so raising the
# limit does not change the collector. The archive is the training run's.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/careplan-service.jsa", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=50", "-XX:MaxMetaspaceSize=160m", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=64m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-jar", "/app/careplan-service.jar"]
