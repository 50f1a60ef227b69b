// Preloaded (`node --require dist/bench/memory-probe.js …`) into every measured process of the bench,
// the echo bot and the compiled bot alike, so the bench can look inside without changing the product:
//   {type:'memory'}         answers with process.memoryUsage()
//   {type:'collect-garbage'} runs a full collection (gc() of a fresh context, no --expose-gc on the command
//                           line), then answers with process.memoryUsage(): what the heap holds, garbage apart
//   {type:'profile-start'}  starts V8's CPU profiler (the load window, not start-up)
//   {type:'profile-stop', payload:{file}}  writes the .cpuprofile
//   {type:'heap-snapshot', payload:{file}}  writes a heap snapshot (open it in Chrome DevTools, Memory tab)
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';

if (typeof process.send === 'function') {
  let session: Session | undefined;
  process.on('message', (message: { type?: string; id?: number; payload?: { file?: string } }) => {
    const answer = (extra: Record<string, unknown> = {}) => process.send?.({ type: message.type, id: message.id, ...extra });
    if (message?.type === 'memory') answer({ memory: process.memoryUsage() });
    if (message?.type === 'collect-garbage') {
      // The flag exposes gc in contexts created after it is set; the product's own context is untouched.
      setFlagsFromString('--expose-gc');
      (runInNewContext('gc') as () => void)();
      answer({ memory: process.memoryUsage() });
    }
    if (message?.type === 'heap-snapshot' && message.payload?.file) answer({ file: writeHeapSnapshot(message.payload.file) });
    if (message?.type === 'profile-start') {
      session = new Session();
      session.connect();
      session.post('Profiler.enable', () =>
        session!.post('Profiler.setSamplingInterval', { interval: 500 }, () => session!.post('Profiler.start', () => answer())),
      );
    }
    if (message?.type === 'profile-stop' && session) {
      session.post('Profiler.stop', (err, result) => {
        if (!err && message.payload?.file) writeFileSync(message.payload.file, JSON.stringify(result.profile));
        session!.disconnect();
        session = undefined;
        answer();
      });
    }
  });
  // The IPC channel must not keep a process alive that would otherwise exit.
  process.channel?.unref();
}
