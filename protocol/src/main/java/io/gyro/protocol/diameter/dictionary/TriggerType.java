package io.gyro.protocol.diameter.dictionary;

/**
 * Values of the {@code Trigger-Type} AVP (code 870, vendor 10415), TS 32.299 §7.2.236.
 * <p>
 * An open enumeration: a value not listed here is kept and passed on, never rejected.
 * Mirrors the XML entry; {@code DictionaryConstantsTest} fails when the two disagree.
 */
public final class TriggerType
{
    /** AVP Code of {@code Trigger-Type}. */
    public static final int AVP_CODE = AvpCode.TRIGGER_TYPE;

    /** Vendor-ID of {@code Trigger-Type}. */
    public static final int VENDOR_ID = VendorId.TGPP;

    /** CHANGE_IN_SGSN_IP_ADDRESS (1). */
    public static final int CHANGE_IN_SGSN_IP_ADDRESS = 1;

    /** CHANGE_IN_QOS (2). */
    public static final int CHANGE_IN_QOS = 2;

    /** CHANGE_IN_LOCATION (3). */
    public static final int CHANGE_IN_LOCATION = 3;

    /** CHANGE_IN_RAT (4). */
    public static final int CHANGE_IN_RAT = 4;

    /** CHANGE_IN_UE_TIMEZONE (5). */
    public static final int CHANGE_IN_UE_TIMEZONE = 5;

    /** CHANGEINQOS_TRAFFIC_CLASS (10). */
    public static final int CHANGEINQOS_TRAFFIC_CLASS = 10;

    /** CHANGEINQOS_RELIABILITY_CLASS (11). */
    public static final int CHANGEINQOS_RELIABILITY_CLASS = 11;

    /** CHANGEINQOS_DELAY_CLASS (12). */
    public static final int CHANGEINQOS_DELAY_CLASS = 12;

    /** CHANGEINQOS_PEAK_THROUGHPUT (13). */
    public static final int CHANGEINQOS_PEAK_THROUGHPUT = 13;

    /** CHANGEINQOS_PRECEDENCE_CLASS (14). */
    public static final int CHANGEINQOS_PRECEDENCE_CLASS = 14;

    /** CHANGEINQOS_MEAN_THROUGHPUT (15). */
    public static final int CHANGEINQOS_MEAN_THROUGHPUT = 15;

    /** CHANGEINQOS_MAXIMUM_BIT_RATE_FOR_UPLINK (16). */
    public static final int CHANGEINQOS_MAXIMUM_BIT_RATE_FOR_UPLINK = 16;

    /** CHANGEINQOS_MAXIMUM_BIT_RATE_FOR_DOWNLINK (17). */
    public static final int CHANGEINQOS_MAXIMUM_BIT_RATE_FOR_DOWNLINK = 17;

    /** CHANGEINQOS_RESIDUAL_BER (18). */
    public static final int CHANGEINQOS_RESIDUAL_BER = 18;

    /** CHANGEINQOS_SDU_ERROR_RATIO (19). */
    public static final int CHANGEINQOS_SDU_ERROR_RATIO = 19;

    /** CHANGEINQOS_TRANSFER_DELAY (20). */
    public static final int CHANGEINQOS_TRANSFER_DELAY = 20;

    /** CHANGEINQOS_TRAFFIC_HANDLING_PRIORITY (21). */
    public static final int CHANGEINQOS_TRAFFIC_HANDLING_PRIORITY = 21;

    /** CHANGEINQOS_GUARANTEED_BIT_RATE_FOR_UPLINK (22). */
    public static final int CHANGEINQOS_GUARANTEED_BIT_RATE_FOR_UPLINK = 22;

    /** CHANGEINQOS_GUARANTEED_BIT_RATE_FOR_DOWNLINK (23). */
    public static final int CHANGEINQOS_GUARANTEED_BIT_RATE_FOR_DOWNLINK = 23;

    /** CHANGEINQOS_APN_AGGREGATE_MAXIMUM_BIT_RATE (24). */
    public static final int CHANGEINQOS_APN_AGGREGATE_MAXIMUM_BIT_RATE = 24;

    /** CHANGEINLOCATION_MCC (30). */
    public static final int CHANGEINLOCATION_MCC = 30;

    /** CHANGEINLOCATION_MNC (31). */
    public static final int CHANGEINLOCATION_MNC = 31;

    /** CHANGEINLOCATION_RAC (32). */
    public static final int CHANGEINLOCATION_RAC = 32;

    /** CHANGEINLOCATION_LAC (33). */
    public static final int CHANGEINLOCATION_LAC = 33;

    /** CHANGEINLOCATION_CellId (34). */
    public static final int CHANGEINLOCATION_CELLID = 34;

    /** CHANGEINLOCATION_TAC (35). */
    public static final int CHANGEINLOCATION_TAC = 35;

    /** CHANGEINLOCATION_ECGI (36). */
    public static final int CHANGEINLOCATION_ECGI = 36;

    /** CHANGE_IN_MEDIA_COMPOSITION (40). */
    public static final int CHANGE_IN_MEDIA_COMPOSITION = 40;

    /** CHANGE_IN_PARTICIPANTS_NMB (50). */
    public static final int CHANGE_IN_PARTICIPANTS_NMB = 50;

    /** CHANGE_IN_THRSHLD_OF_PARTICIPANTS_NMB (51). */
    public static final int CHANGE_IN_THRSHLD_OF_PARTICIPANTS_NMB = 51;

    /** CHANGE_IN_USER_PARTICIPATING_TYPE (52). */
    public static final int CHANGE_IN_USER_PARTICIPATING_TYPE = 52;

    /** CHANGE_IN_SERVICE_CONDITION (60). */
    public static final int CHANGE_IN_SERVICE_CONDITION = 60;

    /** CHANGE_IN_SERVING_NODE (61). */
    public static final int CHANGE_IN_SERVING_NODE = 61;

    /** CHANGE_IN_ACCESS_FOR_A_SERVICE_DATA_FLOW (62). */
    public static final int CHANGE_IN_ACCESS_FOR_A_SERVICE_DATA_FLOW = 62;

    /** CHANGE_IN_USER_CSG_INFORMATION (70). */
    public static final int CHANGE_IN_USER_CSG_INFORMATION = 70;

    /** CHANGE_IN_HYBRID_SUBSCRIBED_USER_CSG_INFORMATION (71). */
    public static final int CHANGE_IN_HYBRID_SUBSCRIBED_USER_CSG_INFORMATION = 71;

    /** CHANGE_IN_HYBRID_UNSUBSCRIBED_USER_CSG_INFORMATION (72). */
    public static final int CHANGE_IN_HYBRID_UNSUBSCRIBED_USER_CSG_INFORMATION = 72;

    /** CHANGE_OF_UE_PRESENCE_IN_PRESENCE_REPORTING_AREA (73). */
    public static final int CHANGE_OF_UE_PRESENCE_IN_PRESENCE_REPORTING_AREA = 73;

    /** CHANGE_IN_SERVING_PLMN_RATE_CONTROL (74). */
    public static final int CHANGE_IN_SERVING_PLMN_RATE_CONTROL = 74;

    /** CHANGE_IN_APN_RATE_CONTROL (75). */
    public static final int CHANGE_IN_APN_RATE_CONTROL = 75;

    /** CHANGE_IN_3GPP_PS_DATA_OFF (76). */
    public static final int CHANGE_IN_3GPP_PS_DATA_OFF = 76;

    private TriggerType()
    {
    }
}
