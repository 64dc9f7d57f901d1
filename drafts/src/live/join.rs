//! A join link as a delegation pastes it into Accord: checked before anything opens it. The link
//! must be the one a session hands out, `http(s)://HOST[:PORT]/#TOKEN`: the viewer at the root of
//! the chair's server and a well-formed token after `#`. Anything else (another scheme, a
//! password in the address, a query, a path, no token) is refused with `join_link`.

use serde::Serialize;
use ts_rs::TS;

use super::tokens;
use crate::{Error, Result};

/// A checked join link: the viewer to open and the server it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct JoinTarget {
    /// The link as it will be opened, scheme in lower case: "http://192.168.1.20:4480/#…".
    pub url: String,
    /// The chair's server: "http://192.168.1.20:4480".
    pub server: String,
}

impl JoinTarget {
    /// Checks a pasted join link (surrounding spaces are ignored).
    pub fn parse(link: &str) -> Result<JoinTarget> {
        let link = link.trim();
        if link.is_empty() {
            return Err(refused("it is empty"));
        }
        if link.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(refused("it holds spaces"));
        }
        let (scheme, rest) =
            link.split_once("://").ok_or_else(|| refused("it is not a web link"))?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(refused("it is not an http or https link"));
        }
        let (address, token) =
            rest.split_once('#').ok_or_else(|| refused("it carries no token"))?;
        if address.contains('?') {
            return Err(refused("it carries a query"));
        }
        let (host, path) = address.split_at(address.find('/').unwrap_or(address.len()));
        check_host(host)?;
        if !path.is_empty() && path != "/" {
            return Err(refused("it names a page other than the session's viewer"));
        }
        if !tokens::well_formed(token) {
            return Err(refused("its token is cut short or altered"));
        }
        let server = format!("{scheme}://{host}");
        Ok(JoinTarget { url: format!("{server}/#{token}"), server })
    }
}

/// The server's address: a name or an IP address (IPv6 in brackets), an optional port, no
/// user name or password.
fn check_host(host: &str) -> Result<()> {
    if host.contains('@') {
        return Err(refused("it carries a user name or password"));
    }
    let (name, port) = match host.rfind(':').filter(|at| !host[*at..].contains(']')) {
        Some(at) => (&host[..at], Some(&host[at + 1..])),
        None => (host, None),
    };
    if let Some(port) = port {
        if port.parse::<u16>().map_or(true, |p| p == 0) {
            return Err(refused("its port is not a number from 1 to 65535"));
        }
    }
    let bracketed = name.strip_prefix('[').and_then(|n| n.strip_suffix(']'));
    let valid = match bracketed {
        Some(ipv6) => ipv6.parse::<std::net::Ipv6Addr>().is_ok(),
        None => {
            !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        }
    };
    if valid {
        Ok(())
    } else {
        Err(refused("it names no server"))
    }
}

fn refused(problem: &'static str) -> Error {
    Error::JoinLink { problem }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    fn problem(link: &str) -> String {
        let error = JoinTarget::parse(link).expect_err(link);
        assert_eq!(error.code(), crate::ErrorCode::JoinLink, "{link}");
        error.to_string()
    }

    #[test]
    fn a_session_link_is_accepted_as_the_session_hands_it_out() {
        let target = JoinTarget::parse(&format!("  HTTP://192.168.1.20:4480/#{TOKEN}\n")).unwrap();
        assert_eq!(target.url, format!("http://192.168.1.20:4480/#{TOKEN}"));
        assert_eq!(target.server, "http://192.168.1.20:4480");
        for link in [
            format!("https://session.example.org/#{TOKEN}"),
            format!("http://[::1]:4480/#{TOKEN}"),
            format!("http://room-3.local:4480#{TOKEN}"),
        ] {
            assert!(JoinTarget::parse(&link).is_ok(), "{link}");
        }
    }

    #[test]
    fn anything_else_is_refused_with_what_is_wrong() {
        let cases = [
            (String::new(), "empty"),
            ("192.168.1.20:4480".to_string(), "not a web link"),
            (format!("ftp://host/#{TOKEN}"), "not an http or https link"),
            (format!("javascript://host/#{TOKEN}"), "not an http or https link"),
            ("http://192.168.1.20:4480/".to_string(), "no token"),
            ("http://192.168.1.20:4480/#00112233".to_string(), "cut short"),
            (format!("http://192.168.1.20:4480/#{}", TOKEN.replace('0', "g")), "altered"),
            (format!("http://chair:secret@host:4480/#{TOKEN}"), "user name or password"),
            (format!("http://host:4480/?x=1#{TOKEN}"), "query"),
            (format!("http://host:4480/admin#{TOKEN}"), "other than the session's viewer"),
            (format!("http://host:99999/#{TOKEN}"), "port"),
            (format!("http://:4480/#{TOKEN}"), "names no server"),
            (format!("http://<b>/#{TOKEN}"), "names no server"),
            (format!("http://host 1/#{TOKEN}"), "spaces"),
        ];
        for (link, expected) in cases {
            let message = problem(&link);
            assert!(message.contains(expected), "{link}: {message}");
        }
    }
}
