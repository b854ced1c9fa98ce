import type { Dispatcher } from 'undici';

/**
 * A view of `dispatcher` that calls `onWire` when undici starts writing a request on a
 * connected socket (its handler's `onRequestStart`), i.e. after any DNS lookup, connect and
 * TLS set-up. The pacer counts a host's gap from that moment, which is when the host sees
 * the request arrive; the grant of the slot can come tens of ms earlier on a fresh connection.
 */
export function reportingWireStart(dispatcher: Dispatcher, onWire: () => void): Dispatcher {
  return dispatcher.compose((dispatch) => (opts, handler) => dispatch(opts, new Proxy(handler, {
    get(target, property) {
      if (property === 'onRequestStart') {
        return (...args: unknown[]) => {
          try {
            onWire();
          } catch {
            // A failing hook must not fail the request.
          }
          return (target.onRequestStart as ((...a: unknown[]) => unknown) | undefined)?.apply(target, args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  })));
}
