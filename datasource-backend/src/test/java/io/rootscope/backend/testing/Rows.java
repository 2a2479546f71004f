package io.rootscope.backend.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Test shorthand for reading a query's first column and running statements. */
public final class Rows {

    private Rows() {
    }

    public static List<String> column(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (resultSet.next()) {
                values.add(resultSet.getString(1));
            }
            return values;
        }
    }

    public static String single(DataSource dataSource, String sql) throws SQLException {
        List<String> values = column(dataSource, sql);
        if (values.size() != 1) {
            throw new AssertionError("expected one row from: " + sql + "\nbut got: " + values);
        }
        return values.get(0);
    }

    public static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
