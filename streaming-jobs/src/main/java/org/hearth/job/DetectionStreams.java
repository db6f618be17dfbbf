package org.hearth.job;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.models.status.HomeStatus;
import org.hearth.models.alert.Alert;
import org.hearth.models.event.SensorEvent;

/**
 * What the detection graph produces, for the caller to attach sinks to.
 *
 * @param alerts one {@code alerts.jsonl} line per alert raised
 * @param lifecycle every lifecycle step (raised, notified, escalated, acknowledged, resolved, ...):
 *     the alerts module's delivery and storage read this
 * @param addressed every lifecycle step with its home as the registry has it now (carers, quiet hours,
 *     alias), for SMS delivery; a step about a previous resident of the home is left out
 * @param decisions every rule outcome (raised or cleared, {@link RuleDecision}) before the lifecycle, for
 *     storage and backtests; every help press is also raised on arrival ({@link RuleDecision#urgent() urgent}),
 *     before the event-time raise of the press that opens an episode (the lifecycle keeps one alert); a
 *     press that answered open "I'm OK" pre-alerts comes as a {@link ResidentOkCommand} per rule instead
 * @param unknownHome events for homes the registry does not know
 * @param statuses each home's learning status (learning N of 7 days / watching, usual times, open
 *     alerts, silent sensors), emitted when it changes and at least once per care day with events:
 *     for {@code StatusSink} and storage
 */
public record DetectionStreams(
        DataStream<Alert> alerts,
        DataStream<LifecycleEvent> lifecycle,
        DataStream<AddressedAlert> addressed,
        DataStream<LifecycleCommand> decisions,
        DataStream<SensorEvent> unknownHome,
        DataStream<HomeStatus> statuses) {}
