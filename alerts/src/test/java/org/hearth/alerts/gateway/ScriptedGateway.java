package org.hearth.alerts.gateway;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A test gateway that fails as scripted, then accepts; records what it was asked to send. */
public final class ScriptedGateway implements SmsGateway {

    private final String name;
    private final Deque<GatewayException> failures = new ArrayDeque<>();
    private final List<SmsMessage> accepted = new ArrayList<>();
    private int calls;
    private boolean alwaysFail;

    public ScriptedGateway(String name) {
        this.name = name;
    }

    public ScriptedGateway failNext(GatewayException... errors) {
        failures.addAll(List.of(errors));
        return this;
    }

    public ScriptedGateway alwaysFail() {
        alwaysFail = true;
        return this;
    }

    public ScriptedGateway recover() {
        alwaysFail = false;
        return this;
    }

    public List<SmsMessage> accepted() {
        return accepted;
    }

    public int calls() {
        return calls;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SendReceipt send(SmsMessage message) throws GatewayException {
        calls++;
        if (alwaysFail) {
            throw new GatewayException("http-503", true);
        }
        GatewayException next = failures.poll();
        if (next != null) {
            throw next;
        }
        accepted.add(message);
        return new SendReceipt(name, name + "-" + accepted.size());
    }
}
