package org.spinefusion.careplan.service.storage;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.spinefusion.careplan.service.storage.SearchQuery.AnyOf;
import org.spinefusion.careplan.service.storage.SearchQuery.AnyToken;
import org.spinefusion.careplan.service.storage.SearchQuery.Criterion;
import org.spinefusion.careplan.service.storage.SearchQuery.Field;
import org.spinefusion.careplan.service.storage.SearchQuery.InRange;

/** Turns a {@link SearchQuery} into one SELECT over {@code resource_current} and its positional parameters. */
final class SearchSql {

    final String sql;
    final List<Object> params = new ArrayList<>();

    SearchSql(SearchQuery query) {
        StringBuilder sql =
                new StringBuilder("select res_type, res_id, version_id from resource_current where res_type = ?");
        params.add(query.type());
        for (Criterion criterion : query.criteria()) {
            sql.append(" and ").append(condition(criterion));
        }
        String direction = query.newestFirst() ? " desc" : "";
        sql.append(" order by last_updated")
                .append(direction)
                .append(", res_id")
                .append(direction);
        sql.append(" limit ?");
        params.add(query.limit());
        this.sql = sql.toString();
    }

    private String condition(Criterion criterion) {
        if (criterion instanceof AnyOf anyOf) {
            params.add(anyOf.values().toArray(String[]::new));
            return scalarColumn(anyOf.field()) + " = any(?::text[])";
        }
        if (criterion instanceof AnyToken token) {
            return tokenCondition(token);
        }
        return rangeCondition((InRange) criterion);
    }

    private String tokenCondition(AnyToken token) {
        String column = arrayColumn(token.field());
        List<String> alternatives = new ArrayList<>();
        if (!token.tokens().isEmpty()) {
            params.add(token.tokens().toArray(String[]::new));
            alternatives.add(column + " && ?::text[]");
        }
        if (!token.systems().isEmpty()) {
            params.add(token.systems().toArray(String[]::new));
            alternatives.add("exists (select 1 from unnest(" + column
                    + ") t, unnest(?::text[]) s where starts_with(t, s || '|'))");
        }
        return alternatives.isEmpty() ? "false" : "(" + String.join(" or ", alternatives) + ")";
    }

    private String rangeCondition(InRange range) {
        String start;
        String end;
        if (range.field() == Field.LAST_UPDATED) {
            start = "last_updated";
            end = "(last_updated + interval '1 millisecond')";
        } else if (range.field() == Field.DATE) {
            start = "coalesce(date_start, '-infinity')";
            end = "coalesce(date_end, 'infinity')";
        } else {
            throw new IllegalArgumentException("not a date field: " + range.field());
        }
        OffsetDateTime low = OffsetDateTime.ofInstant(range.low(), ZoneOffset.UTC);
        OffsetDateTime high = OffsetDateTime.ofInstant(range.high(), ZoneOffset.UTC);
        return switch (range.comparison()) {
            case EQ -> twoBounds(start + " >= ? and " + end + " <= ?", low, high);
            case NE -> twoBounds("not (" + start + " >= ? and " + end + " <= ?)", low, high);
            case GT -> oneBound(end + " > ?", high);
            case GE -> oneBound(end + " > ?", low);
            case LT -> oneBound(start + " < ?", low);
            case LE -> oneBound(start + " < ?", high);
            case SA -> oneBound(start + " >= ?", high);
            case EB -> oneBound(end + " <= ?", low);
        };
    }

    private String oneBound(String condition, OffsetDateTime bound) {
        params.add(bound);
        return "(" + condition + ")";
    }

    private String twoBounds(String condition, OffsetDateTime low, OffsetDateTime high) {
        params.add(low);
        params.add(high);
        return "(" + condition + ")";
    }

    private static String scalarColumn(Field field) {
        return switch (field) {
            case ID -> "res_id";
            case SUBJECT -> "subject";
            case STATUS -> "status";
            case URL -> "url";
            case VERSION -> "version";
            default -> throw new IllegalArgumentException("not a single-valued field: " + field);
        };
    }

    private static String arrayColumn(Field field) {
        return switch (field) {
            case CATEGORY -> "categories";
            case IDENTIFIER -> "identifiers";
            case REFERENCE -> "refs";
            default -> throw new IllegalArgumentException("not a token field: " + field);
        };
    }
}
