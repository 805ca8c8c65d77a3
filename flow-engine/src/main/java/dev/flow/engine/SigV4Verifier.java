package dev.flow.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks AWS Signature Version 4 on incoming requests against one pair of credentials, as AWS does:
 * it computes the signature of the request again (canonical request over the headers the client
 * lists in {@code SignedHeaders}, at the client's {@code X-Amz-Date}, in the region and service of
 * its credential scope) and compares the two in constant time. A request more than 15 minutes from
 * the engine's clock is refused, so a captured request cannot be replayed later.
 *
 * <p>Why not re-sign with the SDK's {@code AwsV4HttpSigner}: it always adds and signs {@code
 * x-amz-content-sha256}, which boto3 and the AWS CLI neither send nor sign, so their valid requests
 * would never match. SigV4Test checks this verifier against requests signed by {@code
 * AwsV4HttpSigner} and by the SDK client; Boto3Test against botocore's signer.
 */
final class SigV4Verifier {
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final Duration SKEW = Duration.ofMinutes(15);
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final String accessKey;
  private final String secretKey;
  private final Clock clock;

  SigV4Verifier(String accessKey, String secretKey, Clock clock) {
    this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
    this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Parses {@code ACCESS_KEY:SECRET_KEY}.
   *
   * @throws IllegalArgumentException naming the expected form when it is not
   */
  static SigV4Verifier parse(String credentials) {
    int colon = credentials == null ? -1 : credentials.indexOf(':');
    if (colon <= 0 || colon == credentials.length() - 1) {
      throw new IllegalArgumentException(
          "credentials must be ACCESS_KEY:SECRET_KEY, both non-empty");
    }
    return new SigV4Verifier(
        credentials.substring(0, colon), credentials.substring(colon + 1), Clock.systemUTC());
  }

  /** Why a request was refused: the SWF fault type, its HTTP status and message. */
  record Refusal(int status, String type, String message) {}

  /**
   * Checks what can be checked before the body is read: an Authorization header of the right form
   * for these credentials, scoped to SWF, signing the host and the action ({@code X-Amz-Target}),
   * within 15 minutes of now. A request refused here is answered without reading its body.
   *
   * @param headers the request headers, names in any case
   * @return null when the request may go on to {@link #verify}, else why not
   */
  Refusal precheck(Map<String, List<String>> headers) {
    Object parsed = parse(headers);
    return parsed instanceof Refusal refusal ? refusal : null;
  }

  /**
   * Verifies one request.
   *
   * @param headers the request headers, names in any case
   * @param rawPath the request path, as sent
   * @param rawQuery the request query, as sent, or null
   * @return null when the signature is valid, else why not
   */
  Refusal verify(Map<String, List<String>> headers, String rawPath, String rawQuery, byte[] body) {
    Object parsed = parse(headers);
    if (parsed instanceof Refusal refusal) {
      return refusal;
    }
    Signed signed = (Signed) parsed;
    return verify(headers, rawPath, rawQuery, body, signed);
  }

  /** The parts of a well-formed Authorization header. */
  private record Signed(
      List<String> scope,
      String amzDate,
      List<String> names,
      String signedHeaders,
      String signature) {}

  /** The request's {@link Signed} parts, or a {@link Refusal}. */
  private Object parse(Map<String, List<String>> headers) {
    String authorization = first(headers, "Authorization");
    if (authorization == null || authorization.isBlank()) {
      return new Refusal(
          403,
          "MissingAuthenticationTokenException",
          "Missing Authentication Token: this engine requires requests signed with AWS Signature"
              + " Version 4 and its configured credentials; a Flow client of an engine on its own"
              + " machine signs only when AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set:"
              + " set them to the keys the engine was started with (--sigv4 KEY:SECRET)");
    }
    if (!authorization.startsWith(ALGORITHM + " ")) {
      return incomplete("the Authorization header must start with " + ALGORITHM);
    }
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    for (String part : authorization.substring(ALGORITHM.length() + 1).split(",", -1)) {
      String p = part.trim();
      if (p.startsWith("Credential=")) {
        credential = p.substring("Credential=".length());
      } else if (p.startsWith("SignedHeaders=")) {
        signedHeaders = p.substring("SignedHeaders=".length());
      } else if (p.startsWith("Signature=")) {
        signature = p.substring("Signature=".length());
      }
    }
    if (credential == null || signedHeaders == null || signature == null) {
      return incomplete(
          "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'"
              + " parameters");
    }
    // Credential=AKID/20261123/us-east-1/swf/aws4_request
    String[] scope = credential.split("/");
    if (scope.length != 5 || !scope[4].equals("aws4_request")) {
      return incomplete(
          "Credential must have the form ACCESS_KEY/yyyyMMdd/REGION/SERVICE/aws4_request, was '"
              + credential
              + "'");
    }
    if (!scope[3].equals("swf")) {
      return new Refusal(
          403,
          "InvalidSignatureException",
          "Credential should be scoped to correct service: 'swf'.");
    }
    if (!MessageDigest.isEqual(
        scope[0].getBytes(StandardCharsets.UTF_8), accessKey.getBytes(StandardCharsets.UTF_8))) {
      return new Refusal(
          400,
          "UnrecognizedClientException",
          "The security token included in the request is invalid.");
    }
    String amzDate = first(headers, "X-Amz-Date");
    if (amzDate == null) {
      return incomplete("the request has no X-Amz-Date header");
    }
    Instant signedAt;
    try {
      signedAt = AMZ_DATE.parse(amzDate, Instant::from);
    } catch (DateTimeParseException e) {
      return incomplete("X-Amz-Date must be yyyyMMdd'T'HHmmss'Z', was '" + amzDate + "'");
    }
    if (!scope[1].equals(amzDate.substring(0, 8))) {
      return new Refusal(
          403,
          "InvalidSignatureException",
          "Date in Credential scope does not match YYYYMMDD from X-Amz-Date");
    }
    Instant now = clock.instant();
    if (Duration.between(signedAt, now).abs().compareTo(SKEW) > 0) {
      return new Refusal(
          403,
          "InvalidSignatureException",
          "Signature expired: "
              + amzDate
              + " is now earlier than "
              + AMZ_DATE.format(now.minus(SKEW))
              + " ("
              + AMZ_DATE.format(now)
              + " - 15 min.)");
    }
    List<String> names = List.of(signedHeaders.split(";"));
    if (!names.contains("host")) {
      return incomplete("SignedHeaders must include host");
    }
    if (!names.contains("x-amz-target")) {
      // Unsigned, the action could be changed on the way without breaking the signature.
      return incomplete("SignedHeaders must include x-amz-target (the action)");
    }
    for (String name : names) {
      if (all(headers, name) == null) {
        return incomplete("the signed header '" + name + "' is missing from the request");
      }
    }
    return new Signed(List.of(scope), amzDate, names, signedHeaders, signature);
  }

  private Refusal verify(
      Map<String, List<String>> headers,
      String rawPath,
      String rawQuery,
      byte[] body,
      Signed signed) {
    List<String> scope = signed.scope();
    String amzDate = signed.amzDate();
    List<String> names = signed.names();
    String signedHeaders = signed.signedHeaders();
    String signature = signed.signature();
    String contentSha256 = first(headers, "X-Amz-Content-SHA256");
    if (contentSha256 != null
        && !MessageDigest.isEqual(
            contentSha256.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
            sha256Hex(body).getBytes(StandardCharsets.US_ASCII))) {
      // The canonical request takes the payload hash the client sends; it must be the body's.
      return new Refusal(
          403,
          "InvalidSignatureException",
          "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    String host = first(headers, "Host");
    if (host == null) {
      return incomplete("the request has no Host header");
    }
    String payloadHash =
        contentSha256 != null ? contentSha256.toLowerCase(Locale.ROOT) : sha256Hex(body);
    StringBuilder canonical = new StringBuilder();
    canonical.append("POST\n");
    canonical.append(canonicalPath(rawPath)).append('\n');
    canonical.append(canonicalQuery(rawQuery)).append('\n');
    for (String name : names) {
      List<String> values = all(headers, name);
      if (values == null) {
        return incomplete("the signed header '" + name + "' is missing from the request");
      }
      canonical.append(name.toLowerCase(Locale.ROOT)).append(':');
      for (int i = 0; i < values.size(); i++) {
        canonical.append(i == 0 ? "" : ",").append(values.get(i).trim().replaceAll(" +", " "));
      }
      canonical.append('\n');
    }
    canonical.append('\n').append(signedHeaders).append('\n').append(payloadHash);
    String stringToSign =
        ALGORITHM
            + "\n"
            + amzDate
            + "\n"
            + String.join("/", scope.subList(1, 5))
            + "\n"
            + sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), scope.get(1));
    key = hmac(key, scope.get(2));
    key = hmac(key, scope.get(3));
    key = hmac(key, scope.get(4));
    String expected = HexFormat.of().formatHex(hmac(key, stringToSign));
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      return new Refusal(
          403,
          "InvalidSignatureException",
          "The request signature we calculated does not match the signature you provided. Check"
              + " your AWS Secret Access Key and signing method. Consult the service documentation"
              + " for details.");
    }
    return null;
  }

  private static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static Refusal incomplete(String why) {
    return new Refusal(400, "IncompleteSignatureException", why);
  }

  /** The path with each segment URI-encoded once more (SigV4 for services other than S3). */
  private static String canonicalPath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    return uriEncode(rawPath, false);
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue; // a=1&&b=2 or a trailing &: no parameter
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      pairs.add(new String[] {uriEncode(k, true), uriEncode(v, true)});
    }
    pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    StringBuilder out = new StringBuilder();
    for (String[] p : pairs) {
      out.append(out.length() == 0 ? "" : "&").append(p[0]).append('=').append(p[1]);
    }
    return out.toString();
  }

  /** RFC 3986 encoding of everything but the unreserved characters (and '/' unless asked). */
  private static String uriEncode(String s, boolean encodeSlash) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || (c == '/' && !encodeSlash)) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  private static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // a malformed escape: signed as sent, so it cannot match a signature made elsewise
    }
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = all(headers, name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static List<String> all(Map<String, List<String>> headers, String name) {
    List<String> found = null;
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
        if (found == null) {
          found = new ArrayList<>();
        }
        found.addAll(e.getValue());
      }
    }
    return found;
  }
}
