package org.spinefusion.careplan.service.definitions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A transaction-scoped lock that lets one replica at a time seed the definitions. */
@Repository
class SeedLock {

    private static final long KEY = 0x5EED_DEF5L;

    private final JdbcClient jdbc;

    SeedLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void acquire() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(KEY).query(rs -> {});
    }
}
