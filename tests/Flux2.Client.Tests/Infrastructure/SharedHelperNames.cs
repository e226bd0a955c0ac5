// The Core tests (rewritten elsewhere) still name two helpers that now live in Flux2.Testing: these aliases keep those names
// pointing at the shared types instead of at copies. New tests use LogCapture and RecordingProgress<Flux2Progress> directly.
global using CapturingLoggerProvider = Flux2.Testing.LogCapture;
global using RecordingProgress = Flux2.Testing.RecordingProgress<Flux2.Client.Flux2Progress>;
