package org.hearth.alerts.render;

import java.util.EnumMap;
import java.util.Map;
import org.hearth.models.alert.Rule;

/**
 * One template per rule: a headline (what, since when) and an optional detail (what is usual),
 * from the explanation's named facts with the free-text expected/observed as fallbacks. The fact
 * names each rule reads are listed in {@code alerts/README.md}; the detection side supplies them.
 */
final class RuleTemplates {

    /** Headline and detail of one rule's message; detail may be null and is dropped first when too long. */
    record Parts(String headline, String detail) {}

    @FunctionalInterface
    interface Template {
        Parts render(AlertText a);
    }

    private static final Map<Rule, Template> TEMPLATES = new EnumMap<>(Rule.class);

    static {
        put(Rule.NOT_UP, a -> new Parts(a.alias() + " not up yet", usual(a, "usually by ")));
        put(Rule.NO_KETTLE, a -> new Parts(a.alias() + " has not used the kettle today", usual(a, "usually by ")));
        put(Rule.STILLNESS, a -> new Parts(
                a.alias() + ": no movement" + in(a) + " for " + a.fact("duration", "a long time"),
                usual(a, "usually under ")));
        put(Rule.NIGHT_DOOR, a -> new Parts(
                a.alias() + "'s front door opened at night" + at(a),
                a.fact("detail", a.explanation().expected())));
        put(Rule.NOT_HOME, a -> new Parts(a.alias() + " out" + since(a) + " and not back", usual(a, "usually back by ")));
        put(Rule.NIGHT_ACTIVITY, a -> new Parts(a.alias() + " unusually active at night", observed(a)));
        put(Rule.UNUSUAL_ROUTES, a -> new Parts(a.alias() + " moving about the home unusually", observed(a)));
        put(Rule.UNUSUAL_DAY, a -> new Parts(a.alias() + "'s day looks unusual", observed(a)));
        put(Rule.BATHROOM_TREND, a -> new Parts(a.alias() + ": bathroom visits rising", trend(a)));
        put(Rule.KETTLE_TREND, a -> new Parts(a.alias() + ": kettle use falling", trend(a)));
        put(Rule.SLEEP_TREND, a -> new Parts(a.alias() + ": sleep shortening", trend(a)));
        put(Rule.HELP_BUTTON, a -> new Parts(a.alias() + " pressed the help button" + at(a), null));
        put(Rule.SENSOR_OFFLINE, a -> new Parts(
                "sensor " + a.fact("sensor", "?") + " at home " + a.homeId() + " silent" + since(a), observed(a)));
        put(Rule.HUB_OFFLINE, a -> new Parts("hub at home " + a.homeId() + " offline" + since(a), observed(a)));
        put(Rule.BATTERY_LOW, a -> new Parts(
                "battery low on " + a.fact("sensor", "a sensor") + " at home " + a.homeId()
                        + (a.fact("battery", null) == null ? "" : " (" + a.fact("battery", null) + "%)"),
                null));
        put(Rule.JOB_SILENT, a -> new Parts("monitoring job silent" + since(a), observed(a)));
        put(Rule.DELIVERY_FAILING, a -> new Parts("SMS delivery failing" + since(a), observed(a)));
        put(Rule.LEARNING_STALLED, a -> new Parts("learning stalled at home " + a.homeId(), observed(a)));
        put(Rule.CARER_OPTED_OUT, a -> new Parts(a.fact("carer", "a carer") + " at home " + a.homeId()
                + " opted out of texts (STOP)", "none go to them now: fix the escalation list"));
        put(Rule.SIDE_PATH_FAILING, a -> new Parts("cannot write " + a.fact("paths", "a side path") + since(a)
                + "; monitoring goes on", null));
        for (Rule rule : Rule.values()) {
            if (!TEMPLATES.containsKey(rule)) {
                throw new ExceptionInInitializerError("no template for rule " + rule.wireName());
            }
        }
    }

    private RuleTemplates() {}

    private static void put(Rule rule, Template template) {
        TEMPLATES.put(rule, template);
    }

    static Parts render(AlertText a) {
        return TEMPLATES.get(a.rule()).render(a);
    }

    private static String usual(AlertText a, String prefix) {
        String usual = a.fact("usual", null);
        return usual != null ? prefix + usual : a.explanation().expected();
    }

    private static String observed(AlertText a) {
        return a.explanation().observed();
    }

    private static String trend(AlertText a) {
        String now = a.fact("now", null);
        String usual = a.fact("usual", null);
        if (now != null && usual != null) {
            return now + ", usually " + usual;
        }
        return a.explanation().observed();
    }

    private static String since(AlertText a) {
        String since = a.fact("since", null);
        return since == null ? "" : " since " + since;
    }

    private static String at(AlertText a) {
        String at = a.fact("time", null);
        return at == null ? "" : " at " + at;
    }

    private static String in(AlertText a) {
        String room = a.fact("room", null);
        return room == null ? "" : " in the " + room;
    }
}
