package org.hearth.models.rules;

/**
 * Everything the rules keep per home between events: the safety rules' memory and the learned rules' open days and baseline. The streaming job stores one of these per home in
 * keyed state; a backtest loop can keep them in a map.
 */
public final class HomeRulesState {
    public SafetyState safety = new SafetyState();
    /** The learned rules' memory: activity tracker history, open days, baseline. */
    public LearnedState learned = new LearnedState();
    /** The resident id {@link #learned} belongs to ({@link ResidentChange}); null on a state stored before it was recorded. */
    public String learnedFor;
    /** The latest care day (local, 12:00 boundary) in which the home sent an event. */
    public java.time.LocalDate lastCareDay;

    /**
     * A hot value of {@link HomeRulesStateCodec} version 8 or later read without its kit (the Flink serializer does not know the
     * key): its bytes, decoded by {@link HomeRulesStateCodec#resolve} with the home's kit before the rules use it. Null
     * once decoded. Every field above is empty until then.
     */
    transient byte[] unresolved;
    /** The version {@link #unresolved} was written in (8 or later): it is decoded, and written back, as that version. */
    transient int unresolvedVersion;
    /** The kit's strings this state is written against next ({@link HomeRulesStateCodec#useKit}); null: none. */
    transient org.hearth.models.encoding.KitStrings kit;
    /** The fingerprint of the kit strings the home's store keeps ({@link HomeRulesStateCodec#keptKit}); 0: none known. */
    transient int storedKit;

    /** Whether the state is decoded ({@link #unresolved}): the rules refuse one that is not. */
    public boolean resolved() {
        return unresolved == null;
    }
}
