//! What a cell of the events' and governance's authorization matrices
//! expects of a route: the answer a person or a client sees.

use crate::location;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    Ok,
    /// A 303 elsewhere than the log-in page, or the API's 201 or 204.
    Done,
    LogIn,
    E401,
    E403,
    E404,
    E422,
    Other(u16),
}

impl Answer {
    pub(crate) fn of(response: &reqwest::Response) -> Self {
        match response.status().as_u16() {
            200 => Self::Ok,
            303 if location(response).starts_with("/login") => Self::LogIn,
            303 | 201 | 204 => Self::Done,
            401 => Self::E401,
            403 => Self::E403,
            404 => Self::E404,
            422 => Self::E422,
            other => Self::Other(other),
        }
    }
}
