// GraphiQL's page calls React only to render one component; React's own
// type packages are not worth a dependency for that.
declare module 'react'
declare module 'react-dom/client'
