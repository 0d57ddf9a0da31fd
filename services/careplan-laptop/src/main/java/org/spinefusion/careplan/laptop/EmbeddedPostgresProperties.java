package org.spinefusion.careplan.laptop;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when no datasource URL is configured.
 *
 * @param dataDir kept across restarts: a second start sees the data of the first
 * @param port the local port it listens on
 */
@ConfigurationProperties("careplan.embedded-postgres")
record EmbeddedPostgresProperties(@DefaultValue("./data/postgres") Path dataDir, @DefaultValue("54329") int port) {}
