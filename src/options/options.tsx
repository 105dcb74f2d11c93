import { render } from 'preact';
render(<p>why-denied</p>, document.getElementById('app')!);
