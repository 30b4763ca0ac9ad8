import { Link } from "@remix-run/react";

// Outside the sign-in gate (/oauth/*): after signing out, GitHub would sign an already-authorised
// user straight back in, so the dashboard stops here until they ask.
export default function SignedOut() {
  return (
    <section aria-labelledby="signed-out">
      <h1 id="signed-out">Signed out</h1>
      <p>Your dashboard session has ended.</p>
      <p><Link to="/oauth/login">Sign in with GitHub again</Link></p>
    </section>
  );
}
