// The DuckDB peer of perf/logparse-bench.sh: the summary logparse computes for a combined log (requests, bytes,
// statuses, methods, top paths without query strings, top clients, user agents and referrers, unique clients),
// computed by DuckDB in-process with its CSV reader and GROUP BYs, then printed as JSON. Run as a single-file
// program with the DuckDB JDBC driver on the class path:
//   java --enable-native-access=ALL-UNNAMED -cp duckdb_jdbc-1.1.3.jar perf/DuckDbSummary.java [--threads N] [--top N] FILE
//
// A combined line split at spaces, honouring double quotes with backslash escapes, is ten columns: the timestamp
// "[dd/MMM/yyyy:HH:mm:ss +hhmm]" is two. Every column is read as VARCHAR (no type sniffing), as logparse reads
// them; one query with GROUPING SETS reads the file once and groups it seven ways. "elapsedMs" in the output is the
// query's time, from its start to the last row: DuckDB's own work, without JVM start-up or loading its native library.

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class DuckDbSummary {
    private static final String COLUMNS = "{'client': 'VARCHAR', 'ident': 'VARCHAR', 'user': 'VARCHAR', 'time': 'VARCHAR', "
            + "'zone': 'VARCHAR', 'request': 'VARCHAR', 'status': 'VARCHAR', 'size': 'VARCHAR', 'referer': 'VARCHAR', "
            + "'agent': 'VARCHAR'}";

    private static final String QUERY = """
            WITH log AS (
                SELECT client, status, size, referer, agent,
                       split_part(request, ' ', 1) AS method,
                       split_part(split_part(request, ' ', 2), '?', 1) AS path
                FROM read_csv(?, delim = ' ', quote = '"', escape = '\\', header = false, auto_detect = false,
                              columns = %s)
            ),
            grouped AS (
                SELECT CASE WHEN GROUPING(status) = 0 THEN 'status' WHEN GROUPING(method) = 0 THEN 'method'
                            WHEN GROUPING(path) = 0 THEN 'path' WHEN GROUPING(client) = 0 THEN 'client'
                            WHEN GROUPING(referer) = 0 THEN 'referer' WHEN GROUPING(agent) = 0 THEN 'agent'
                            ELSE 'all' END AS dimension,
                       coalesce(status, method, path, client, referer, agent) AS value,
                       count(*) AS n,
                       sum(TRY_CAST(size AS BIGINT)) AS bytes
                FROM log
                GROUP BY GROUPING SETS ((), (status), (method), (path), (client), (referer), (agent))
            )
            SELECT dimension, value, n, bytes, count(*) OVER (PARTITION BY dimension) AS distinct_values
            FROM grouped
            WHERE dimension <> 'referer' OR value <> '-'
            QUALIFY dimension IN ('all', 'status', 'method')
                    OR row_number() OVER (PARTITION BY dimension ORDER BY n DESC, value) <= ?
            ORDER BY dimension, n DESC, value
            """.formatted(COLUMNS);

    private DuckDbSummary() {
    }

    public static void main(String[] args) throws SQLException {
        int threads = 2;
        int top = 10;
        String file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--top" -> top = Integer.parseInt(args[++i]);
                default -> file = args[i];
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("usage: DuckDbSummary [--threads N] [--top N] FILE");
        }
        long started = 0;
        Map<String, List<String>> sections = new LinkedHashMap<>();
        long requests = 0;
        long bytes = 0;
        long uniqueClients = 0;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET threads = " + threads);
            }
            started = System.nanoTime();
            try (PreparedStatement query = connection.prepareStatement(QUERY)) {
                query.setString(1, file);
                query.setInt(2, top);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String dimension = rows.getString(1);
                        if (dimension.equals("all")) {
                            requests = rows.getLong(3);
                            bytes = rows.getLong(4);
                            continue;
                        }
                        if (dimension.equals("client")) {
                            uniqueClients = rows.getLong(5);
                        }
                        sections.computeIfAbsent(dimension, key -> new ArrayList<>())
                                .add("{\"value\": " + quote(rows.getString(2)) + ", \"count\": " + rows.getLong(3) + "}");
                    }
                }
            }
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        StringBuilder json = new StringBuilder("{\"elapsedMs\": ").append(elapsedMs).append(", \"requests\": ").append(requests)
                .append(", \"bytesSent\": ").append(bytes).append(", \"uniqueClients\": ").append(uniqueClients);
        sections.forEach((name, values) -> json.append(",\n \"").append(name).append("\": [").append(String.join(", ", values))
                .append(']'));
        System.out.println(json.append('}'));
    }

    private static String quote(String text) {
        return text == null ? "null" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
