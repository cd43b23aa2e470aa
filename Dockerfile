# One image for every mall process: the API jar and the worker-host jar (which domains a worker
# serves is configuration), and the sandbox payment provider's jar. Build: docker build -t temporal-mall .
FROM eclipse-temurin:25-jdk-noble AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY sql sql
COPY webhook webhook
COPY workflows workflows
COPY activities activities
COPY platform platform
COPY workers workers
COPY api api
COPY sandbox sandbox
COPY standalone standalone
COPY e2e e2e
COPY bench bench
RUN ./mvnw -B -q -DskipTests -pl api,workers,sandbox -am package

FROM eclipse-temurin:25-jre-noble
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --no-create-home mall
WORKDIR /app
COPY --from=build /src/api/target/mall-api-0.1.0-SNAPSHOT-exec.jar /app/mall-api.jar
COPY --from=build /src/workers/target/mall-workers-0.1.0-SNAPSHOT-exec.jar /app/mall-workers.jar
COPY --from=build /src/sandbox/target/mall-sandbox-0.1.0-SNAPSHOT-exec.jar /app/mall-sandbox.jar
USER mall
# Overridden per service in docker-compose.yml (the workers run /app/mall-workers.jar).
CMD ["java", "-jar", "/app/mall-api.jar"]
