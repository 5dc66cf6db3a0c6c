package dev.rapport.platforms.instagram.internal;

import dev.rapport.platforms.graph.GraphError;
import dev.rapport.platforms.graph.GraphReply;
import dev.rapport.platforms.graph.GraphTroubles;
import dev.rapport.platforms.graph.Trouble;
import java.time.Duration;

/**
 * Instagram's content-publishing error subcodes (the 2207xxx family under codes 9, 25, 36003, 9004,
 * 2207...), turned into messages a user can act on; everything else is classified as any Graph
 * error.
 */
public final class InstagramErrors {

  private InstagramErrors() {}

  public static Trouble classify(GraphReply reply, Duration quotaFreesIn) {
    if (!(reply instanceof GraphReply.Failed f)) {
      return GraphTroubles.classify("Instagram", reply);
    }
    GraphError e = f.error();
    return switch (e.subcode()) {
      case 2207042 ->
          Trouble.rateLimited(
              "Instagram's publishing limit is reached: the account published its maximum number"
                  + " of posts through the API in the last 24 hours",
              quotaFreesIn);
      case 2207052, 2207003 ->
          e.subcode() == 2207003
              ? Trouble.transientFailure("Instagram timed out fetching the media")
              : Trouble.refused(
                  "Instagram could not fetch the media from its URL: " + e.bestMessage(),
                  "Make sure the media URL is public (no login, no redirect to a login page) and"
                      + " returns the file itself");
      case 2207009 ->
          Trouble.refused(
              "Instagram refused the image: its aspect ratio is outside 4:5–1.91:1",
              "Crop the image to between 4:5 portrait and 1.91:1 landscape");
      case 2207004 ->
          Trouble.refused(
              "Instagram refused the image: it is larger than 8 MB",
              "Compress or resize the image");
      case 2207005, 2207023 ->
          Trouble.refused(
              "Instagram refused the media format: " + e.bestMessage(),
              "Use a JPEG image or an MP4 (H.264/AAC) video");
      case 2207026 ->
          Trouble.refused(
              "Instagram refused the video: " + e.bestMessage(),
              "Re-encode the video as MP4 (H.264, AAC) within Instagram's size and length limits");
      case 2207010 ->
          Trouble.refused(
              "Instagram refused the caption: it is too long or has too many hashtags or mentions",
              "Shorten the caption to 2,200 characters, 30 hashtags and 20 @-mentions");
      case 2207006, 2207008, 2207020, 2207032, 2207001 ->
          Trouble.transientFailure(
              "Instagram lost the media container ("
                  + e.bestMessage()
                  + "); it will be created again");
      case 2207050 ->
          Trouble.refused(
              "Instagram says the account is restricted or inactive: " + e.bestMessage(),
              "Log in to the Instagram app, resolve any notices on the account, then retry");
      default -> GraphTroubles.classify("Instagram", e, f.headers());
    };
  }
}
