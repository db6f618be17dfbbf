# Writes kits-capture.jsonl: real kit payloads (shapes as Zigbee2MQTT, Shelly and Tasmota document them), base64, in receive order.
# Run from this folder: python3 make-kits-capture.py
import base64, json
L=[]
def m(topic, payload, at, retained=False, qos=1):
    if not isinstance(payload, str):
        payload=json.dumps(payload, separators=(',',':'))
    L.append({"topic":topic,"payload":base64.b64encode(payload.encode()).decode(),"qos":qos,"retained":retained,"receivedAt":at})
# Zigbee2MQTT (h2): bridge/state retained on subscribe, an IKEA E1525 motion sensor with battery 97.5 and last_seen on.
m("zigbee2mqtt/h2/bridge/state", {"state":"online"}, "2026-11-23T06:59:00.000Z", retained=True)
pir={"battery":97.5,"illuminance_above_threshold":False,"linkquality":87,"occupancy":True,"requested_brightness_level":76,"requested_brightness_percent":30,"last_seen":"2026-11-23T07:00:00.000Z"}
m("zigbee2mqtt/h2/hall/pir", pir, "2026-11-23T07:00:00.080Z")
m("zigbee2mqtt/h2/hall/pir", pir, "2026-11-23T07:00:01.310Z")  # the same message again (a QoS 1 redelivery)
pir_off=dict(pir); pir_off["occupancy"]=False
m("zigbee2mqtt/h2/hall/pir", pir_off, "2026-11-23T07:01:30.150Z")  # z2m's own timeout, old last_seen
m("zigbee2mqtt/h2/front_door", {"battery":100,"contact":False,"device_temperature":21,"linkquality":144,"power_outage_count":3,"voltage":3025,"last_seen":"2026-11-23T07:05:10.000Z"}, "2026-11-23T07:05:10.090Z")
m("zigbee2mqtt/h2/front_door", {"battery":100,"contact":True,"device_temperature":21,"linkquality":144,"power_outage_count":3,"voltage":3025,"last_seen":"2026-11-23T07:05:40.000Z"}, "2026-11-23T07:05:40.070Z")
m("zigbee2mqtt/h2/kettle_plug", {"current":9.42,"energy":12.37,"linkquality":160,"power":2150.3,"state":"ON","voltage":238.4,"last_seen":"2026-11-23T07:12:03.120Z"}, "2026-11-23T07:12:03.200Z")
m("zigbee2mqtt/h2/kettle_plug/set", {"state":"OFF"}, "2026-11-23T07:15:00.000Z")
m("zigbee2mqtt/h2/help_button", {"action":"single","battery":97.5,"linkquality":102,"voltage":2995,"last_seen":"2026-11-23T07:20:00.000Z"}, "2026-11-23T07:20:00.060Z")
# Shelly (h5): Gen2 notifications at the device's own ts, a BLU Door/Window through a gateway, a Gen1 Door/Window 2.
m("shellyplus1pm-441793d69718/events/rpc", {"src":"shellyplus1pm-441793d69718","dst":"shellyplus1pm-441793d69718/events","method":"NotifyStatus","params":{"ts":1795417800.50,"switch:0":{"id":0,"apower":2310.4,"current":9.7}}}, "2026-11-23T07:10:00.620Z")
m("shellyplus1pm-441793d69718/events/rpc", {"src":"shellyplus1pm-441793d69718","dst":"shellyplus1pm-441793d69718/events","method":"NotifyStatus","params":{"ts":1795417802.25,"cloud":{"connected":False}}}, "2026-11-23T07:10:02.300Z")
m("shellyblugwg3-a0b765e8d234/events/rpc", {"src":"shellyblugwg3-a0b765e8d234","dst":"shellyblugwg3-a0b765e8d234/events","method":"NotifyStatus","params":{"ts":1795418100.12,"bthomesensor:201":{"id":201,"value":True,"last_updated_ts":1795418100}}}, "2026-11-23T07:15:00.300Z")
m("shellies/shellydw2-483FDA/sensor/state", "open", "2026-11-23T07:16:00.000Z")
m("shellies/shellydw2-483FDA/sensor/battery", "97", "2026-11-23T07:16:00.010Z")
m("shellypro4pm-f008d1d8b8b8/events/rpc", {"src":"shellypro4pm-f008d1d8b8b8","dst":"shellypro4pm-f008d1d8b8b8/events","method":"NotifyEvent","params":{"ts":1795418700.43,"events":[{"component":"input:0","id":0,"event":"btn_down","ts":1795418700.43}]}}, "2026-11-23T07:25:00.500Z")
m("shellypro4pm-f008d1d8b8b8/events/rpc", {"src":"shellypro4pm-f008d1d8b8b8","dst":"shellypro4pm-f008d1d8b8b8/events","method":"NotifyEvent","params":{"ts":1795418700.88,"events":[{"component":"input:0","id":0,"event":"single_push","ts":1795418700.88}]}}, "2026-11-23T07:25:00.950Z")
# Tasmota (h6), firmware default Timezone 1 on a UK home: the hub's timezone +01:00 reads Time right.
m("tele/kettle_plug/SENSOR", {"Time":"2026-11-23T08:14:00","ENERGY":{"TotalStartTime":"2025-10-21T22:15:00","Total":3.705,"Yesterday":0.028,"Today":0.026,"Period":1,"Power":2150,"ApparentPower":2150,"ReactivePower":0,"Factor":1.00,"Voltage":233,"Current":9.2}}, "2026-11-23T07:14:00.400Z")
m("tele/zb_bridge/STATE", {"Time":"2026-11-23T08:15:00","Uptime":"0T00:10:11","UptimeSec":611,"Heap":24,"SleepMode":"Dynamic","Sleep":50,"LoadAvg":19,"MqttCount":1,"Wifi":{"AP":1,"SSId":"ESP-Network","Channel":3,"Mode":"11n","RSSI":44,"Signal":-78,"LinkCount":1,"Downtime":"0T00:00:05"}}, "2026-11-23T07:15:00.200Z")
m("stat/help_btn/RESULT", {"POWER":"ON"}, "2026-11-23T07:30:00.000Z")
m("stat/help_btn/POWER", "ON", "2026-11-23T07:30:00.004Z")
m("tele/help_btn/STATE", {"Time":"2026-11-23T08:32:00","Uptime":"0T00:27:11","UptimeSec":1631,"POWER":"ON"}, "2026-11-23T07:32:00.100Z")
m("stat/help_btn/RESULT", {"POWER":"OFF"}, "2026-11-23T07:34:00.000Z")
m("stat/help_btn/POWER", "OFF", "2026-11-23T07:34:00.004Z")
m("tele/zb_bridge/LWT", "Offline", "2026-11-23T07:40:00.000Z")
L.sort(key=lambda x: x["receivedAt"])
with open("kits-capture.jsonl","w") as f:
    for x in L: f.write(json.dumps(x, separators=(',',':'))+"\n")
print(len(L))
