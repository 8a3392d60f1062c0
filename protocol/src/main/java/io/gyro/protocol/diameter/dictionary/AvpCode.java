package io.gyro.protocol.diameter.dictionary;

/**
 * AVP Code of every AVP in the standard dictionary files, named after the AVP: upper case, {@code -} becomes
 * {@code _}, and a leading "3GPP-" becomes "TGPP_" ({@code 3GPP-Charging-Id} is {@link #TGPP_CHARGING_ID}).
 * <p>
 * Hand-written in the shape a generator would produce; the XML stays the single source of truth and
 * {@code DictionaryConstantsTest} fails when the two disagree. A code alone does not identify an AVP: pair
 * it with the vendor in the Javadoc ({@link VendorId}), as the same code means different AVPs for different
 * vendors (code 1 is User-Name for IETF and 3GPP-IMSI for 3GPP, PROTOCOLS.md §4 item 4).
 */
public final class AvpCode
{
    // ---- base-rfc6733.xml (RFC 6733)

    /** User-Name: IETF, UTF8String, RFC 6733 §8.14. */
    public static final int USER_NAME = 1;

    /** Class: IETF, OctetString, RFC 6733 §8.20. */
    public static final int CLASS = 25;

    /** Session-Timeout: IETF, Unsigned32, RFC 6733 §8.13. */
    public static final int SESSION_TIMEOUT = 27;

    /** Proxy-State: IETF, OctetString, RFC 6733 §6.7.4. */
    public static final int PROXY_STATE = 33;

    /** Acct-Session-Id: IETF, OctetString, RFC 6733 §9.8.4. */
    public static final int ACCT_SESSION_ID = 44;

    /** Acct-Multi-Session-Id: IETF, UTF8String, RFC 6733 §9.8.5. */
    public static final int ACCT_MULTI_SESSION_ID = 50;

    /** Event-Timestamp: IETF, Time, RFC 6733 §8.21. */
    public static final int EVENT_TIMESTAMP = 55;

    /** Acct-Interim-Interval: IETF, Unsigned32, RFC 6733 §9.8.2. */
    public static final int ACCT_INTERIM_INTERVAL = 85;

    /** Host-IP-Address: IETF, Address, RFC 6733 §5.3.5. */
    public static final int HOST_IP_ADDRESS = 257;

    /** Auth-Application-Id: IETF, Unsigned32, RFC 6733 §6.8. */
    public static final int AUTH_APPLICATION_ID = 258;

    /** Acct-Application-Id: IETF, Unsigned32, RFC 6733 §6.9. */
    public static final int ACCT_APPLICATION_ID = 259;

    /** Vendor-Specific-Application-Id: IETF, Grouped, RFC 6733 §6.11. */
    public static final int VENDOR_SPECIFIC_APPLICATION_ID = 260;

    /** Redirect-Host-Usage: IETF, Enumerated, RFC 6733 §6.13. */
    public static final int REDIRECT_HOST_USAGE = 261;

    /** Redirect-Max-Cache-Time: IETF, Unsigned32, RFC 6733 §6.14. */
    public static final int REDIRECT_MAX_CACHE_TIME = 262;

    /** Session-Id: IETF, UTF8String, RFC 6733 §8.8. */
    public static final int SESSION_ID = 263;

    /** Origin-Host: IETF, DiameterIdentity, RFC 6733 §6.3. */
    public static final int ORIGIN_HOST = 264;

    /** Supported-Vendor-Id: IETF, Unsigned32, RFC 6733 §5.3.6. */
    public static final int SUPPORTED_VENDOR_ID = 265;

    /** Vendor-Id: IETF, Unsigned32, RFC 6733 §5.3.3. */
    public static final int VENDOR_ID = 266;

    /** Firmware-Revision: IETF, Unsigned32, RFC 6733 §5.3.4. */
    public static final int FIRMWARE_REVISION = 267;

    /** Result-Code: IETF, Unsigned32, RFC 6733 §7.1. */
    public static final int RESULT_CODE = 268;

    /** Product-Name: IETF, UTF8String, RFC 6733 §5.3.7. */
    public static final int PRODUCT_NAME = 269;

    /** Session-Binding: IETF, Unsigned32, RFC 6733 §8.17. */
    public static final int SESSION_BINDING = 270;

    /** Session-Server-Failover: IETF, Enumerated, RFC 6733 §8.18. */
    public static final int SESSION_SERVER_FAILOVER = 271;

    /** Multi-Round-Time-Out: IETF, Unsigned32, RFC 6733 §8.19. */
    public static final int MULTI_ROUND_TIME_OUT = 272;

    /** Disconnect-Cause: IETF, Enumerated, RFC 6733 §5.4.3. */
    public static final int DISCONNECT_CAUSE = 273;

    /** Auth-Request-Type: IETF, Enumerated, RFC 6733 §8.7. */
    public static final int AUTH_REQUEST_TYPE = 274;

    /** Auth-Grace-Period: IETF, Unsigned32, RFC 6733 §8.10. */
    public static final int AUTH_GRACE_PERIOD = 276;

    /** Auth-Session-State: IETF, Enumerated, RFC 6733 §8.11. */
    public static final int AUTH_SESSION_STATE = 277;

    /** Origin-State-Id: IETF, Unsigned32, RFC 6733 §8.16. */
    public static final int ORIGIN_STATE_ID = 278;

    /** Failed-AVP: IETF, Grouped, RFC 6733 §7.5. */
    public static final int FAILED_AVP = 279;

    /** Proxy-Host: IETF, DiameterIdentity, RFC 6733 §6.7.3. */
    public static final int PROXY_HOST = 280;

    /** Error-Message: IETF, UTF8String, RFC 6733 §7.3. */
    public static final int ERROR_MESSAGE = 281;

    /** Route-Record: IETF, DiameterIdentity, RFC 6733 §6.7.1. */
    public static final int ROUTE_RECORD = 282;

    /** Destination-Realm: IETF, DiameterIdentity, RFC 6733 §6.6. */
    public static final int DESTINATION_REALM = 283;

    /** Proxy-Info: IETF, Grouped, RFC 6733 §6.7.2. */
    public static final int PROXY_INFO = 284;

    /** Re-Auth-Request-Type: IETF, Enumerated, RFC 6733 §8.12. */
    public static final int RE_AUTH_REQUEST_TYPE = 285;

    /** Accounting-Sub-Session-Id: IETF, Unsigned64, RFC 6733 §9.8.6. */
    public static final int ACCOUNTING_SUB_SESSION_ID = 287;

    /** Authorization-Lifetime: IETF, Unsigned32, RFC 6733 §8.9. */
    public static final int AUTHORIZATION_LIFETIME = 291;

    /** Redirect-Host: IETF, DiameterURI, RFC 6733 §6.12. */
    public static final int REDIRECT_HOST = 292;

    /** Destination-Host: IETF, DiameterIdentity, RFC 6733 §6.5. */
    public static final int DESTINATION_HOST = 293;

    /** Error-Reporting-Host: IETF, DiameterIdentity, RFC 6733 §7.4. */
    public static final int ERROR_REPORTING_HOST = 294;

    /** Termination-Cause: IETF, Enumerated, RFC 6733 §8.15 (values: IANA registry, names as in RFC 3588 §8.15 via go-diameter base.xml). */
    public static final int TERMINATION_CAUSE = 295;

    /** Origin-Realm: IETF, DiameterIdentity, RFC 6733 §6.4. */
    public static final int ORIGIN_REALM = 296;

    /** Experimental-Result: IETF, Grouped, RFC 6733 §7.6. */
    public static final int EXPERIMENTAL_RESULT = 297;

    /** Experimental-Result-Code: IETF, Unsigned32, RFC 6733 §7.7. */
    public static final int EXPERIMENTAL_RESULT_CODE = 298;

    /** Inband-Security-Id: IETF, Unsigned32, RFC 6733 §6.10. */
    public static final int INBAND_SECURITY_ID = 299;

    /** Accounting-Record-Type: IETF, Enumerated, RFC 6733 §9.8.1. */
    public static final int ACCOUNTING_RECORD_TYPE = 480;

    /** Accounting-Realtime-Required: IETF, Enumerated, RFC 6733 §9.8.7. */
    public static final int ACCOUNTING_REALTIME_REQUIRED = 483;

    /** Accounting-Record-Number: IETF, Unsigned32, RFC 6733 §9.8.3. */
    public static final int ACCOUNTING_RECORD_NUMBER = 485;

    // ---- dcca-rfc4006.xml (RFC 4006 / RFC 8506)

    /** Filter-Id: IETF, UTF8String, RFC 7155 §4.4.7. */
    public static final int FILTER_ID = 11;

    /** CC-Correlation-Id: IETF, OctetString, RFC 4006 §8.1. */
    public static final int CC_CORRELATION_ID = 411;

    /** CC-Input-Octets: IETF, Unsigned64, RFC 4006 §8.24. */
    public static final int CC_INPUT_OCTETS = 412;

    /** CC-Money: IETF, Grouped, RFC 4006 §8.22. */
    public static final int CC_MONEY = 413;

    /** CC-Output-Octets: IETF, Unsigned64, RFC 4006 §8.25. */
    public static final int CC_OUTPUT_OCTETS = 414;

    /** CC-Request-Number: IETF, Unsigned32, RFC 4006 §8.2. */
    public static final int CC_REQUEST_NUMBER = 415;

    /** CC-Request-Type: IETF, Enumerated, RFC 4006 §8.3. */
    public static final int CC_REQUEST_TYPE = 416;

    /** CC-Service-Specific-Units: IETF, Unsigned64, RFC 4006 §8.26. */
    public static final int CC_SERVICE_SPECIFIC_UNITS = 417;

    /** CC-Session-Failover: IETF, Enumerated, RFC 4006 §8.4. */
    public static final int CC_SESSION_FAILOVER = 418;

    /** CC-Sub-Session-Id: IETF, Unsigned64, RFC 4006 §8.5. */
    public static final int CC_SUB_SESSION_ID = 419;

    /** CC-Time: IETF, Unsigned32, RFC 4006 §8.21. */
    public static final int CC_TIME = 420;

    /** CC-Total-Octets: IETF, Unsigned64, RFC 4006 §8.23. */
    public static final int CC_TOTAL_OCTETS = 421;

    /** Check-Balance-Result: IETF, Enumerated, RFC 4006 §8.6. */
    public static final int CHECK_BALANCE_RESULT = 422;

    /** Cost-Information: IETF, Grouped, RFC 4006 §8.7. */
    public static final int COST_INFORMATION = 423;

    /** Cost-Unit: IETF, UTF8String, RFC 4006 §8.12. */
    public static final int COST_UNIT = 424;

    /** Currency-Code: IETF, Unsigned32, RFC 4006 §8.11. */
    public static final int CURRENCY_CODE = 425;

    /** Credit-Control: IETF, Enumerated, RFC 4006 §8.13. */
    public static final int CREDIT_CONTROL = 426;

    /** Credit-Control-Failure-Handling: IETF, Enumerated, RFC 4006 §8.14. */
    public static final int CREDIT_CONTROL_FAILURE_HANDLING = 427;

    /** Direct-Debiting-Failure-Handling: IETF, Enumerated, RFC 4006 §8.15. */
    public static final int DIRECT_DEBITING_FAILURE_HANDLING = 428;

    /** Exponent: IETF, Integer32, RFC 4006 §8.9. */
    public static final int EXPONENT = 429;

    /** Final-Unit-Indication: IETF, Grouped, RFC 4006 §8.34. */
    public static final int FINAL_UNIT_INDICATION = 430;

    /** Granted-Service-Unit: IETF, Grouped, RFC 4006 §8.17. */
    public static final int GRANTED_SERVICE_UNIT = 431;

    /** Rating-Group: IETF, Unsigned32, RFC 4006 §8.29. */
    public static final int RATING_GROUP = 432;

    /** Redirect-Address-Type: IETF, Enumerated, RFC 4006 §8.38. */
    public static final int REDIRECT_ADDRESS_TYPE = 433;

    /** Redirect-Server: IETF, Grouped, RFC 4006 §8.37. */
    public static final int REDIRECT_SERVER = 434;

    /** Redirect-Server-Address: IETF, UTF8String, RFC 4006 §8.39. */
    public static final int REDIRECT_SERVER_ADDRESS = 435;

    /** Requested-Action: IETF, Enumerated, RFC 4006 §8.41. */
    public static final int REQUESTED_ACTION = 436;

    /** Requested-Service-Unit: IETF, Grouped, RFC 4006 §8.18. */
    public static final int REQUESTED_SERVICE_UNIT = 437;

    /** Restriction-Filter-Rule: IETF, IPFilterRule, RFC 4006 §8.36. */
    public static final int RESTRICTION_FILTER_RULE = 438;

    /** Service-Identifier: IETF, Unsigned32, RFC 4006 §8.28. */
    public static final int SERVICE_IDENTIFIER = 439;

    /** Service-Parameter-Info: IETF, Grouped, RFC 4006 §8.43. */
    public static final int SERVICE_PARAMETER_INFO = 440;

    /** Service-Parameter-Type: IETF, Unsigned32, RFC 4006 §8.44. */
    public static final int SERVICE_PARAMETER_TYPE = 441;

    /** Service-Parameter-Value: IETF, OctetString, RFC 4006 §8.45. */
    public static final int SERVICE_PARAMETER_VALUE = 442;

    /** Subscription-Id: IETF, Grouped, RFC 4006 §8.46. */
    public static final int SUBSCRIPTION_ID = 443;

    /** Subscription-Id-Data: IETF, UTF8String, RFC 4006 §8.48. */
    public static final int SUBSCRIPTION_ID_DATA = 444;

    /** Unit-Value: IETF, Grouped, RFC 4006 §8.8. */
    public static final int UNIT_VALUE = 445;

    /** Used-Service-Unit: IETF, Grouped, RFC 4006 §8.19. */
    public static final int USED_SERVICE_UNIT = 446;

    /** Value-Digits: IETF, Integer64, RFC 4006 §8.10. */
    public static final int VALUE_DIGITS = 447;

    /** Validity-Time: IETF, Unsigned32, RFC 4006 §8.33. */
    public static final int VALIDITY_TIME = 448;

    /** Final-Unit-Action: IETF, Enumerated, RFC 4006 §8.35. */
    public static final int FINAL_UNIT_ACTION = 449;

    /** Subscription-Id-Type: IETF, Enumerated, RFC 4006 §8.47. */
    public static final int SUBSCRIPTION_ID_TYPE = 450;

    /** Tariff-Time-Change: IETF, Time, RFC 4006 §8.20. */
    public static final int TARIFF_TIME_CHANGE = 451;

    /** Tariff-Change-Usage: IETF, Enumerated, RFC 4006 §8.27. */
    public static final int TARIFF_CHANGE_USAGE = 452;

    /** G-S-U-Pool-Identifier: IETF, Unsigned32, RFC 4006 §8.31. */
    public static final int G_S_U_POOL_IDENTIFIER = 453;

    /** CC-Unit-Type: IETF, Enumerated, RFC 4006 §8.32. */
    public static final int CC_UNIT_TYPE = 454;

    /** Multiple-Services-Indicator: IETF, Enumerated, RFC 4006 §8.40. */
    public static final int MULTIPLE_SERVICES_INDICATOR = 455;

    /** Multiple-Services-Credit-Control: IETF, Grouped, RFC 4006 §8.16. */
    public static final int MULTIPLE_SERVICES_CREDIT_CONTROL = 456;

    /** G-S-U-Pool-Reference: IETF, Grouped, RFC 4006 §8.30. */
    public static final int G_S_U_POOL_REFERENCE = 457;

    /** User-Equipment-Info: IETF, Grouped, RFC 4006 §8.49. */
    public static final int USER_EQUIPMENT_INFO = 458;

    /** User-Equipment-Info-Type: IETF, Enumerated, RFC 4006 §8.50. */
    public static final int USER_EQUIPMENT_INFO_TYPE = 459;

    /** User-Equipment-Info-Value: IETF, OctetString, RFC 4006 §8.51. */
    public static final int USER_EQUIPMENT_INFO_VALUE = 460;

    /** Service-Context-Id: IETF, UTF8String, RFC 4006 §8.42. */
    public static final int SERVICE_CONTEXT_ID = 461;

    /** User-Equipment-Info-Extension: IETF, Grouped, RFC 8506 §8.52. */
    public static final int USER_EQUIPMENT_INFO_EXTENSION = 653;

    /** User-Equipment-Info-IMEISV: IETF, OctetString, RFC 8506 §8.53. */
    public static final int USER_EQUIPMENT_INFO_IMEISV = 654;

    /** User-Equipment-Info-MAC: IETF, OctetString, RFC 8506 §8.54. */
    public static final int USER_EQUIPMENT_INFO_MAC = 655;

    /** User-Equipment-Info-EUI64: IETF, OctetString, RFC 8506 §8.55. */
    public static final int USER_EQUIPMENT_INFO_EUI64 = 656;

    /** User-Equipment-Info-ModifiedEUI64: IETF, OctetString, RFC 8506 §8.56. */
    public static final int USER_EQUIPMENT_INFO_MODIFIEDEUI64 = 657;

    /** User-Equipment-Info-IMEI: IETF, OctetString, RFC 8506 §8.57. */
    public static final int USER_EQUIPMENT_INFO_IMEI = 658;

    /** Subscription-Id-Extension: IETF, Grouped, RFC 8506 §8.58. */
    public static final int SUBSCRIPTION_ID_EXTENSION = 659;

    /** Subscription-Id-E164: IETF, UTF8String, RFC 8506 §8.59. */
    public static final int SUBSCRIPTION_ID_E164 = 660;

    /** Subscription-Id-IMSI: IETF, UTF8String, RFC 8506 §8.60. */
    public static final int SUBSCRIPTION_ID_IMSI = 661;

    /** Subscription-Id-SIP-URI: IETF, UTF8String, RFC 8506 §8.61. */
    public static final int SUBSCRIPTION_ID_SIP_URI = 662;

    /** Subscription-Id-NAI: IETF, UTF8String, RFC 8506 §8.62. */
    public static final int SUBSCRIPTION_ID_NAI = 663;

    /** Subscription-Id-Private: IETF, UTF8String, RFC 8506 §8.63. */
    public static final int SUBSCRIPTION_ID_PRIVATE = 664;

    /** Redirect-Server-Extension: IETF, Grouped, RFC 8506 §8.64. */
    public static final int REDIRECT_SERVER_EXTENSION = 665;

    /** Redirect-Address-IPAddress: IETF, Address, RFC 8506 §8.65. */
    public static final int REDIRECT_ADDRESS_IPADDRESS = 666;

    /** Redirect-Address-URL: IETF, UTF8String, RFC 8506 §8.66. */
    public static final int REDIRECT_ADDRESS_URL = 667;

    /** Redirect-Address-SIP-URI: IETF, UTF8String, RFC 8506 §8.67. */
    public static final int REDIRECT_ADDRESS_SIP_URI = 668;

    /** QoS-Final-Unit-Indication: IETF, Grouped, RFC 8506 §8.68. */
    public static final int QOS_FINAL_UNIT_INDICATION = 669;

    // ---- 3gpp-ts32299.xml (3GPP TS 32.299)

    /** Called-Station-Id: IETF, UTF8String, RFC 7155 §4.2.5. */
    public static final int CALLED_STATION_ID = 30;

    /** 3GPP-IMSI: vendor 10415, UTF8String, TS 29.061 §16.4.7. */
    public static final int TGPP_IMSI = 1;

    /** 3GPP-Charging-Id: vendor 10415, Unsigned32, TS 29.061 §16.4.7. */
    public static final int TGPP_CHARGING_ID = 2;

    /** 3GPP-PDP-Type: vendor 10415, Enumerated, TS 29.061 §16.4.7 (values 0-3: go-diameter tgpp_ro_rf.xml; 4-6: Open5GS lib/diameter/gy/message.h via PROTOCOLS.md §2.6 [unverified]). */
    public static final int TGPP_PDP_TYPE = 3;

    /** 3GPP-CG-Address: vendor 10415, OctetString, TS 29.061 §16.4.7. */
    public static final int TGPP_CG_ADDRESS = 4;

    /** 3GPP-GPRS-Negotiated-QoS-Profile: vendor 10415, UTF8String, TS 29.061 §16.4.7. */
    public static final int TGPP_GPRS_NEGOTIATED_QOS_PROFILE = 5;

    /** 3GPP-SGSN-Address: vendor 10415, OctetString, TS 29.061 §16.4.7. */
    public static final int TGPP_SGSN_ADDRESS = 6;

    /** 3GPP-GGSN-Address: vendor 10415, OctetString, TS 29.061 §16.4.7. */
    public static final int TGPP_GGSN_ADDRESS = 7;

    /** 3GPP-IMSI-MCC-MNC: vendor 10415, UTF8String, TS 29.061 §16.4.7. */
    public static final int TGPP_IMSI_MCC_MNC = 8;

    /** 3GPP-GGSN-MCC-MNC: vendor 10415, UTF8String, TS 29.061 §16.4.7. */
    public static final int TGPP_GGSN_MCC_MNC = 9;

    /** 3GPP-NSAPI: vendor 10415, OctetString, TS 29.061 §16.4.7. */
    public static final int TGPP_NSAPI = 10;

    /** 3GPP-Session-Stop-Indicator: vendor 10415, OctetString, TS 29.061 §16.4.7. */
    public static final int TGPP_SESSION_STOP_INDICATOR = 11;

    /** 3GPP-Selection-Mode: vendor 10415, UTF8String, TS 29.061 §16.4.7. */
    public static final int TGPP_SELECTION_MODE = 12;

    /** 3GPP-Charging-Characteristics: vendor 10415, UTF8String, TS 29.061 §16.4.7. */
    public static final int TGPP_CHARGING_CHARACTERISTICS = 13;

    /** 3GPP-SGSN-MCC-MNC: vendor 10415, UTF8String, TS 29.061 §16.4.7. */
    public static final int TGPP_SGSN_MCC_MNC = 18;

    /** 3GPP-IMEISV: vendor 10415, OctetString, TS 29.061 §16.4.7. */
    public static final int TGPP_IMEISV = 20;

    /** 3GPP-RAT-Type: vendor 10415, OctetString, TS 29.061 §16.4.7. */
    public static final int TGPP_RAT_TYPE = 21;

    /** 3GPP-User-Location-Info: vendor 10415, OctetString, TS 29.061 §16.4.7. */
    public static final int TGPP_USER_LOCATION_INFO = 22;

    /** 3GPP-MS-TimeZone: vendor 10415, OctetString, TS 29.061 §16.4.7. */
    public static final int TGPP_MS_TIMEZONE = 23;

    /** AF-Charging-Identifier: vendor 10415, OctetString, TS 29.214 §5.3.6. */
    public static final int AF_CHARGING_IDENTIFIER = 505;

    /** Flow-Number: vendor 10415, Unsigned32, TS 29.214 §5.3.9. */
    public static final int FLOW_NUMBER = 509;

    /** Flows: vendor 10415, Grouped, TS 29.214 §5.3.10 (rules: go-diameter tgpp_ro_rf.xml). */
    public static final int FLOWS = 510;

    /** Max-Requested-Bandwidth-DL: vendor 10415, Unsigned32, TS 29.214 §5.3.14. */
    public static final int MAX_REQUESTED_BANDWIDTH_DL = 515;

    /** Max-Requested-Bandwidth-UL: vendor 10415, Unsigned32, TS 29.214 §5.3.15. */
    public static final int MAX_REQUESTED_BANDWIDTH_UL = 516;

    /** Media-Component-Number: vendor 10415, Unsigned32, TS 29.214 §5.3.17. */
    public static final int MEDIA_COMPONENT_NUMBER = 518;

    /** CG-Address: vendor 10415, Address, TS 32.299 §7.2.36. */
    public static final int CG_ADDRESS = 846;

    /** GGSN-Address: vendor 10415, Address, TS 32.299 §7.2.68. */
    public static final int GGSN_ADDRESS = 847;

    /** Service-Specific-Data: vendor 10415, UTF8String, TS 32.299 §7.2.194. */
    public static final int SERVICE_SPECIFIC_DATA = 863;

    /** PS-Furnish-Charging-Information: vendor 10415, Grouped, TS 32.299 §7.2.157. */
    public static final int PS_FURNISH_CHARGING_INFORMATION = 865;

    /** PS-Free-Format-Data: vendor 10415, OctetString, TS 32.299 §7.2.156. */
    public static final int PS_FREE_FORMAT_DATA = 866;

    /** PS-Append-Free-Format-Data: vendor 10415, Enumerated, TS 32.299 §7.2.155. */
    public static final int PS_APPEND_FREE_FORMAT_DATA = 867;

    /** Time-Quota-Threshold: vendor 10415, Unsigned32, TS 32.299 §7.2.229. */
    public static final int TIME_QUOTA_THRESHOLD = 868;

    /** Volume-Quota-Threshold: vendor 10415, Unsigned32, TS 32.299 §7.2.243. */
    public static final int VOLUME_QUOTA_THRESHOLD = 869;

    /** Trigger-Type: vendor 10415, Enumerated, TS 32.299 §7.2.236. */
    public static final int TRIGGER_TYPE = 870;

    /** Quota-Holding-Time: vendor 10415, Unsigned32, TS 32.299 §7.2.160. */
    public static final int QUOTA_HOLDING_TIME = 871;

    /** Reporting-Reason: vendor 10415, Enumerated, TS 32.299 §7.2.175. */
    public static final int REPORTING_REASON = 872;

    /** Service-Information: vendor 10415, Grouped, TS 32.299 §7.2 Service-Information [sub-clause unverified]. */
    public static final int SERVICE_INFORMATION = 873;

    /** PS-Information: vendor 10415, Grouped, TS 32.299 §7.2.158. */
    public static final int PS_INFORMATION = 874;

    /** IMS-Information: vendor 10415, Grouped, TS 32.299 §7.2.77. */
    public static final int IMS_INFORMATION = 876;

    /** Quota-Consumption-Time: vendor 10415, Unsigned32, TS 32.299 §7.2.159. */
    public static final int QUOTA_CONSUMPTION_TIME = 881;

    /** Charging-Rule-Base-Name: vendor 10415, UTF8String, TS 29.212 §5.3.5. */
    public static final int CHARGING_RULE_BASE_NAME = 1004;

    /** QoS-Information: vendor 10415, Grouped, TS 29.212 §5.3.16. */
    public static final int QOS_INFORMATION = 1016;

    /** Bearer-Identifier: vendor 10415, OctetString, TS 29.212 §5.3.20. */
    public static final int BEARER_IDENTIFIER = 1020;

    /** Guaranteed-Bitrate-DL: vendor 10415, Unsigned32, TS 29.212 §5.3.25. */
    public static final int GUARANTEED_BITRATE_DL = 1025;

    /** Guaranteed-Bitrate-UL: vendor 10415, Unsigned32, TS 29.212 §5.3.26. */
    public static final int GUARANTEED_BITRATE_UL = 1026;

    /** QoS-Class-Identifier: vendor 10415, Enumerated, TS 29.212 §5.3.17 (values: go-diameter tgpp_ro_rf.xml). */
    public static final int QOS_CLASS_IDENTIFIER = 1028;

    /** Allocation-Retention-Priority: vendor 10415, Grouped, TS 29.212 §5.3.32 (rules: go-diameter tgpp_ro_rf.xml). */
    public static final int ALLOCATION_RETENTION_PRIORITY = 1034;

    /** APN-Aggregate-Max-Bitrate-DL: vendor 10415, Unsigned32, TS 29.212 §5.3.39. */
    public static final int APN_AGGREGATE_MAX_BITRATE_DL = 1040;

    /** APN-Aggregate-Max-Bitrate-UL: vendor 10415, Unsigned32, TS 29.212 §5.3.40. */
    public static final int APN_AGGREGATE_MAX_BITRATE_UL = 1041;

    /** Priority-Level: vendor 10415, Unsigned32, TS 29.212 §5.3.45. */
    public static final int PRIORITY_LEVEL = 1046;

    /** Pre-emption-Capability: vendor 10415, Enumerated, TS 29.212 §5.3.46 (values: freeDiameter dict_dcca_3gpp.c). */
    public static final int PRE_EMPTION_CAPABILITY = 1047;

    /** Pre-emption-Vulnerability: vendor 10415, Enumerated, TS 29.212 §5.3.47 (values: freeDiameter dict_dcca_3gpp.c). */
    public static final int PRE_EMPTION_VULNERABILITY = 1048;

    /** Unit-Quota-Threshold: vendor 10415, Unsigned32, TS 32.299 §7.2.240. */
    public static final int UNIT_QUOTA_THRESHOLD = 1226;

    /** PDP-Address: vendor 10415, Address, TS 32.299 §7.2.137. */
    public static final int PDP_ADDRESS = 1227;

    /** SGSN-Address: vendor 10415, Address, TS 32.299 §7.2.199. */
    public static final int SGSN_ADDRESS = 1228;

    /** PDP-Context-Type: vendor 10415, Enumerated, TS 32.299 §7.2.138. */
    public static final int PDP_CONTEXT_TYPE = 1247;

    /** Service-Specific-Info: vendor 10415, Grouped, TS 32.299 §7.2.195. */
    public static final int SERVICE_SPECIFIC_INFO = 1249;

    /** Service-Specific-Type: vendor 10415, Unsigned32, TS 32.299 §7.2.196. */
    public static final int SERVICE_SPECIFIC_TYPE = 1257;

    /** Event-Charging-TimeStamp: vendor 10415, Time, TS 32.299 §7.2.64. */
    public static final int EVENT_CHARGING_TIMESTAMP = 1258;

    /** Trigger: vendor 10415, Grouped, TS 32.299 §7.2.235. */
    public static final int TRIGGER = 1264;

    /** Base-Time-Interval: vendor 10415, Unsigned32, TS 32.299 §7.2.29. */
    public static final int BASE_TIME_INTERVAL = 1265;

    /** Envelope: vendor 10415, Grouped, TS 32.299 §7.2.59. */
    public static final int ENVELOPE = 1266;

    /** Envelope-End-Time: vendor 10415, Time, TS 32.299 §7.2.60. */
    public static final int ENVELOPE_END_TIME = 1267;

    /** Envelope-Reporting: vendor 10415, Enumerated, TS 32.299 §7.2.61. */
    public static final int ENVELOPE_REPORTING = 1268;

    /** Envelope-Start-Time: vendor 10415, Time, TS 32.299 §7.2.62. */
    public static final int ENVELOPE_START_TIME = 1269;

    /** Time-Quota-Mechanism: vendor 10415, Grouped, TS 32.299 §7.2.228. */
    public static final int TIME_QUOTA_MECHANISM = 1270;

    /** Time-Quota-Type: vendor 10415, Enumerated, TS 32.299 §7.2.230. */
    public static final int TIME_QUOTA_TYPE = 1271;

    /** AF-Correlation-Information: vendor 10415, Grouped, TS 32.299 §7.2.11. */
    public static final int AF_CORRELATION_INFORMATION = 1276;

    /** CSG-Id: vendor 10415, Unsigned32, TS 29.272 §7.3.79. */
    public static final int CSG_ID = 1437;

    /** Low-Balance-Indication: vendor 10415, Enumerated, TS 32.299 §7.2.97. */
    public static final int LOW_BALANCE_INDICATION = 2020;

    /** Remaining-Balance: vendor 10415, Grouped, TS 32.299 §7.2.172. */
    public static final int REMAINING_BALANCE = 2021;

    /** Refund-Information: vendor 10415, OctetString, TS 32.299 §7.2.171. */
    public static final int REFUND_INFORMATION = 2022;

    /** Start-Time: vendor 10415, Time, TS 32.299 §7.2.215. */
    public static final int START_TIME = 2041;

    /** Stop-Time: vendor 10415, Time, TS 32.299 §7.2.216. */
    public static final int STOP_TIME = 2042;

    /** Serving-Node-Type: vendor 10415, Enumerated, TS 32.299 §7.2.198. */
    public static final int SERVING_NODE_TYPE = 2047;

    /** PDN-Connection-Charging-ID: vendor 10415, Unsigned32, TS 32.299 §7.2.136. */
    public static final int PDN_CONNECTION_CHARGING_ID = 2050;

    /** Dynamic-Address-Flag: vendor 10415, Enumerated, TS 32.299 §7.2.57. */
    public static final int DYNAMIC_ADDRESS_FLAG = 2051;

    /** AoC-Request-Type: vendor 10415, Enumerated, TS 32.299 §7.2.16. */
    public static final int AOC_REQUEST_TYPE = 2055;

    /** Node-Id: vendor 10415, UTF8String, TS 32.299 §7.2.114. */
    public static final int NODE_ID = 2064;

    /** SGW-Change: vendor 10415, Enumerated, TS 32.299 §7.2.200. */
    public static final int SGW_CHANGE = 2065;

    /** Charging-Characteristics-Selection-Mode: vendor 10415, Enumerated, TS 32.299 §7.2.39A. */
    public static final int CHARGING_CHARACTERISTICS_SELECTION_MODE = 2066;

    /** SGW-Address: vendor 10415, Address, TS 32.299 §7.2.199A. */
    public static final int SGW_ADDRESS = 2067;

    /** Dynamic-Address-Flag-Extension: vendor 10415, Enumerated, TS 32.299 §7.2.57A. */
    public static final int DYNAMIC_ADDRESS_FLAG_EXTENSION = 2068;

    /** IMSI-Unauthenticated-Flag: vendor 10415, Enumerated, TS 32.299 §7.2.78. */
    public static final int IMSI_UNAUTHENTICATED_FLAG = 2308;

    /** CSG-Access-Mode: vendor 10415, Enumerated, TS 32.299 §7.2.46A. */
    public static final int CSG_ACCESS_MODE = 2317;

    /** CSG-Membership-Indication: vendor 10415, Enumerated, TS 32.299 §7.2.46B. */
    public static final int CSG_MEMBERSHIP_INDICATION = 2318;

    /** User-CSG-Information: vendor 10415, Grouped, TS 32.299 §7.2.240A. */
    public static final int USER_CSG_INFORMATION = 2319;

    /** PDP-Address-Prefix-Length: vendor 10415, Unsigned32, TS 32.299 §7.2.137A. */
    public static final int PDP_ADDRESS_PREFIX_LENGTH = 2606;

    /** Related-Trigger: vendor 10415, Grouped, TS 32.299 §7.2.171Ab (flags [unverified]: not in the freeDiameter CSV version read). */
    public static final int RELATED_TRIGGER = 3926;

    private AvpCode()
    {
    }
}
