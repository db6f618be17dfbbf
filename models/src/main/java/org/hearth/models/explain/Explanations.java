package org.hearth.models.explain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hearth.models.baseline.AnchorExpectation;
import org.hearth.models.baseline.DayScore;
import org.hearth.models.baseline.TrendStats;
import org.hearth.models.day.Transition;

/**
 * The expected-versus-observed wording of every deviation. Each half stays under about 50
 * characters so that, with the alias and a reply code, an alert fits one 160-character GSM-7 SMS;
 * only GSM-7 characters are used. Facts carry the same figures by name for templates.
 */
public final class Explanations {

    private Explanations() {}

    /** "usually up by 08:10, 9 days in 10" / "no movement since 22:41". */
    public static Explanation notUp(AnchorExpectation usual, Instant lastMovement, ZoneId zone) {
        String observed = lastMovement == null ? "not up yet" : "no movement since " + hhmm(lastMovement, zone);
        return anchor(usual, observed, lastMovement, zone);
    }

    /** "usually kettle on by 08:30, 9 days in 10" / "no kettle yet today". */
    public static Explanation noKettle(AnchorExpectation usual, Instant lastMovement, ZoneId zone) {
        return anchor(usual, "no kettle yet today", lastMovement, zone);
    }

    private static Explanation anchor(AnchorExpectation usual, String observed, Instant since, ZoneId zone) {
        String usualAt = hhmm(usual.usualMinute());
        Map<String, String> facts = new TreeMap<>();
        facts.put("usual", usualAt);
        facts.put("deadline", hhmm(usual.deadlineMinute()));
        facts.put("share", share(usual.share()));
        if (since != null) {
            facts.put("since", hhmm(since, zone));
        }
        return new Explanation("usually " + usual.anchor().phrase() + " by " + usualAt + ", " + share(usual.share()),
                observed, facts);
    }

    /** "usually still at most 25 min in bathroom" / "no movement in bathroom since 10:14 (1h20m)". */
    public static Explanation stillness(String room, double usualMaxMinutes, Instant since, Instant now, ZoneId zone) {
        String usual = duration(Duration.ofSeconds(Math.round(usualMaxMinutes * 60)));
        String still = duration(Duration.between(since, now));
        return new Explanation("usually still at most " + usual + " in " + room,
                "no movement in " + room + " since " + hhmm(since, zone) + " (" + still + ")",
                Map.of("room", room, "usual", usual, "since", hhmm(since, zone), "for", still, "duration", still));
    }

    /**
     * Stillness judged on the fixed fallback while the room and time of day have too little history:
     * "moves at least every 3h in lounge" / "no movement in lounge since 10:14 (3h)".
     */
    public static Explanation stillnessUnlearned(String room, Duration limit, Instant since, Instant now, ZoneId zone) {
        String still = duration(Duration.between(since, now));
        return new Explanation("moves at least every " + duration(limit) + " in " + room,
                "no movement in " + room + " since " + hhmm(since, zone) + " (" + still + ")",
                Map.of("room", room, "since", hhmm(since, zone), "for", still, "duration", still));
    }

    /** "front door rarely opened at night" / "front door opened at 03:12". */
    public static Explanation nightDoor(String door, Instant at, ZoneId zone, double usualNightOpenings) {
        String expected = usualNightOpenings < 0.5 ? door + " rarely opened at night"
                : "usually at most " + Math.round(usualNightOpenings) + " night openings";
        return new Explanation(expected, door + " opened at " + hhmm(at, zone),
                Map.of("door", door, "at", hhmm(at, zone), "time", hhmm(at, zone), "detail", expected));
    }

    /**
     * "usually back within 2h10m" / "out since 02:10 (2h20m)"; the fact {@code usual} is the clock
     * time they would usually be back by (the message says "usually back by 04:20").
     */
    public static Explanation notHome(Instant leftAt, double usualMaxMinutes, Instant now, ZoneId zone) {
        Duration usual = Duration.ofSeconds(Math.round(usualMaxMinutes * 60));
        return new Explanation("usually back within " + duration(usual),
                "out since " + hhmm(leftAt, zone) + " (" + duration(Duration.between(leftAt, now)) + ")",
                Map.of("usual", hhmm(leftAt.plus(usual), zone), "within", duration(usual), "since", hhmm(leftAt, zone)));
    }

    /** "usually quiet 02:00-04:30" / "active at 02:30, 03:00". */
    public static Explanation nightActivity(List<Integer> unusualSlots, int quietFromSlot, int quietToSlot) {
        String at = unusualSlots.stream().limit(3).map(s -> hhmm(s * 30)).collect(Collectors.joining(", "));
        return new Explanation("usually quiet " + hhmm(quietFromSlot * 30) + "-" + hhmm(quietToSlot * 30),
                "active at " + at, Map.of("at", at));
    }

    /** "usual routes between rooms" / "unusual moves, e.g. hall to garden (never seen)". */
    public static Explanation unusualRoutes(Transition example, int timesSeen, int windowDays) {
        String seen = timesSeen == 0 ? "never seen" : "seen " + timesSeen + "x in " + windowDays + " days";
        return new Explanation("usual routes between rooms",
                "unusual moves, e.g. " + example.from() + " to " + example.to() + " (" + seen + ")",
                Map.of("from", example.from(), "to", example.to(), "seen", Integer.toString(timesSeen)));
    }

    /**
     * "usual routes between rooms" / "unusual moves: hall to garden (never seen), kitchen to bedroom
     * (2x in 28 days)": the moves that contributed most surprise, most first.
     */
    public static Explanation unusualRoutes(List<Transition> top, List<Integer> timesSeen, int windowDays) {
        StringBuilder moves = new StringBuilder();
        for (int i = 0; i < top.size(); i++) {
            int n = timesSeen.get(i);
            moves.append(i == 0 ? "" : ", ").append(top.get(i).from()).append(" to ").append(top.get(i).to())
                    .append(n == 0 ? " (never seen)" : " (" + n + "x in " + windowDays + " days)");
        }
        String observed = top.isEmpty() ? "unusual moves between rooms" : "unusual moves: " + moves;
        return new Explanation("usual routes between rooms", observed, Map.of("top", moves.toString()));
    }

    /** "a usual day" / "unusual: rise, first-kettle". */
    public static Explanation unusualDay(DayScore score) {
        String top = score.contributions().entrySet().stream().filter(e -> e.getValue() > 0).limit(2)
                .map(Map.Entry::getKey).collect(Collectors.joining(", "));
        return new Explanation("a day like the last weeks", "unusual: " + (top.isEmpty() ? "overall" : top),
                Map.of("score", String.format(Locale.ROOT, "%.2f", score.score()), "top", top));
    }

    /** "usually 5 bathroom visits a day" / "7.4 a day over 7 days". */
    public static Explanation trend(TrendStats t) {
        String usual = amount(t, t.priorMedian(), "%.0f");
        String now = amount(t, t.recentMean(), "%.1f");
        return new Explanation("usually " + usual + " " + t.measure().label() + " a day",
                now + " a day over " + t.recentDays() + " days",
                Map.of("usual", usual + " a day", "now", now + " a day", "recent", now, "measure", t.measure().label()));
    }

    /** A trend that went back inside the usual: "usually 5 bathroom visits a day" / "back to 5.3 a day over 7 days". */
    public static Explanation trendBack(TrendStats t) {
        String usual = amount(t, t.priorMedian(), "%.0f");
        String now = amount(t, t.recentMean(), "%.1f");
        return new Explanation("usually " + usual + " " + t.measure().label() + " a day",
                "back to " + now + " a day over " + t.recentDays() + " days",
                Map.of("usual", usual + " a day", "now", now + " a day", "measure", t.measure().label()));
    }

    /** A count as a number, a duration in minutes as "7h50m". */
    private static String amount(TrendStats t, double value, String countFormat) {
        return t.measure().unit().equals("min") ? duration(Duration.ofSeconds(Math.round(value * 60)))
                : String.format(Locale.ROOT, countFormat, value);
    }

    /** "9 days in 10", "every day", "7 days in 10". */
    public static String share(double share) {
        long tenths = Math.round(share * 10);
        return tenths >= 10 ? "every day" : tenths + " days in 10";
    }

    /** A local wall minute as HH:mm. */
    public static String hhmm(int localMinute) {
        int m = Math.floorMod(localMinute, 1440);
        return String.format(Locale.ROOT, "%02d:%02d", m / 60, m % 60);
    }

    public static String hhmm(Instant t, ZoneId zone) {
        var lt = t.atZone(zone).toLocalTime();
        return hhmm(lt.getHour() * 60 + lt.getMinute());
    }

    /** "45 min", "1h20m", "3h". */
    public static String duration(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes % 60 == 0 ? minutes / 60 + "h" : minutes / 60 + "h" + (minutes % 60) + "m";
    }
}
