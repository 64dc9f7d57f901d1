//! The live session over real sockets on the loopback: the security cases, the room under load
//! (35 delegations and 200 observers), 350 proposals at once, the headless session killed
//! with SIGKILL and restarted, and the language versions reaching the room.

mod client;
mod languages;
mod load;
mod restart;
mod security;
