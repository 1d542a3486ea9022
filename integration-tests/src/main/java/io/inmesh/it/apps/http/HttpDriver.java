package io.inmesh.it.apps.http;

/**
 * The client-app contract of the HTTP scenario suite: one implementation per client library (JDK
 * HttpClient, HttpURLConnection, OkHttp, Apache...), written the way an ordinary application uses
 * that library, with no knowledge of the mesh. Its {@code main} calls {@link ClientAppLoop#run}.
 *
 * <p>Must be thread-safe: {@code REPEAT} calls it from several threads at once.
 */
public interface HttpDriver {
  /**
   * Makes {@code call} and returns the response the library gave the app. Throwing is fine: the
   * loop reports the exception as the app saw it.
   */
  DriverReply execute(DriverCall call) throws Exception;
}
